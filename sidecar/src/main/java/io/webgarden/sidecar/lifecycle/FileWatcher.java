package io.webgarden.sidecar.lifecycle;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices changes to what an application watches. Notifications (inotify through the JDK's
 * WatchService) and a poll every uncFileChangesPollingInterval ms both just trigger a {@link
 * Fingerprint} comparison, so a missed or coalesced notification costs at most one poll interval,
 * and bursts of events (an editor's save, a git checkout) are debounced into one change. The site's
 * resolution cache gets the same service's raw events per folder ({@link #watchFolder}).
 */
public final class FileWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FileWatcher.class);
  static final long DEBOUNCE_MS = 200;
  private static final WatchEvent.Kind<?>[] KINDS = {
    StandardWatchEventKinds.ENTRY_CREATE,
    StandardWatchEventKinds.ENTRY_DELETE,
    StandardWatchEventKinds.ENTRY_MODIFY
  };

  private final Vertx vertx;
  private final WatchService service;
  private final Map<WatchKey, Set<Watch>> watchesByKey = new ConcurrentHashMap<>();

  /** Raw event listeners by key, with the folder as each asked for it (keys are per inode). */
  private final Map<WatchKey, Map<Path, BiConsumer<Path, Path>>> listenersByKey =
      new ConcurrentHashMap<>();

  private final Thread thread;

  public FileWatcher(Vertx vertx) {
    this.vertx = vertx;
    try {
      this.service = FileSystems.getDefault().newWatchService();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot watch files", e);
    }
    this.thread = new Thread(this::run, "webgarden-file-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts watching; {@code onChange} is called on an event loop with a short description. */
  Watch watch(WatchSpec spec, Consumer<String> onChange) {
    Watch watch = new Watch(spec, onChange, vertx.getOrCreateContext());
    vertx
        .executeBlocking(
            () -> {
              watch.fingerprint = Fingerprint.of(spec);
              for (Path folder : spec.folders()) {
                register(folder, watch);
                Fingerprint.symlinkParent(folder).ifPresent(parent -> register(parent, watch));
              }
              return null;
            },
            false)
        .onComplete(
            done -> {
              if (!watch.closed) {
                watch.pollTimer = vertx.setPeriodic(spec.pollIntervalMillis(), id -> watch.check());
              }
            });
    return watch;
  }

  /**
   * Passes each entry event of {@code folder} to {@code listener} as (folder, name), name null when
   * events were lost, on the watcher's thread (so it must be quick and thread-safe), undebounced:
   * for caches that must forget what a change made stale before the next request. {@code watching}
   * runs once events flow; it never runs when the folder cannot be watched.
   */
  public void watchFolder(Path folder, BiConsumer<Path, Path> listener, Runnable watching) {
    vertx
        .executeBlocking(
            () -> {
              WatchKey key = folder.register(service, KINDS);
              listenersByKey
                  .computeIfAbsent(key, k -> new ConcurrentHashMap<>())
                  .put(folder, listener);
              return key;
            },
            false)
        .onComplete(
            registered -> {
              if (registered.succeeded()) {
                watching.run();
              } else if (!(registered.cause() instanceof NoSuchFileException)
                  && !(registered.cause() instanceof NotDirectoryException)) {
                LOG.warn(
                    "no change events for {} ({}): its URLs are read from the disk on every"
                        + " request",
                    folder,
                    registered.cause().toString());
              }
            });
  }

  private void register(Path folder, Watch watch) {
    if (!Fingerprint.isFolder(folder)) {
      return;
    }
    try {
      WatchKey key = folder.register(service, KINDS);
      watchesByKey.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(watch);
    } catch (IOException e) {
      LOG.warn(
          "cannot get change notifications for {} ({}); polling it every {} ms",
          folder,
          e.getMessage(),
          watch.spec.pollIntervalMillis());
    }
  }

  private void run() {
    try {
      while (true) {
        WatchKey key = service.take();
        List<WatchEvent<?>> events = key.pollEvents();
        boolean valid = key.reset();
        Map<Path, BiConsumer<Path, Path>> listeners = listenersByKey.get(key);
        if (listeners != null) {
          if (!valid) {
            listenersByKey.remove(key); // the folder is gone; its parent's event tells the rest
          }
          listeners.forEach((folder, listener) -> tell(listener, folder, events, valid));
        }
        for (Watch watch : watchesByKey.getOrDefault(key, Set.of())) {
          watch.notified();
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closing
    }
  }

  private static void tell(
      BiConsumer<Path, Path> listener, Path folder, List<WatchEvent<?>> events, boolean valid) {
    for (WatchEvent<?> event : events) {
      listener.accept(
          folder, event.kind() == StandardWatchEventKinds.OVERFLOW ? null : (Path) event.context());
    }
    if (!valid) {
      listener.accept(folder, null);
    }
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      LOG.debug("closing the watch service: {}", e.toString());
    }
  }

  /** One application's watch. */
  final class Watch {
    private final WatchSpec spec;
    private final Consumer<String> onChange;
    private final Context context;
    private volatile Map<String, String> fingerprint;
    private volatile long pollTimer = -1;
    private volatile boolean debouncing;
    private volatile boolean checking;
    private volatile boolean closed;

    private Watch(WatchSpec spec, Consumer<String> onChange, Context context) {
      this.spec = spec;
      this.onChange = onChange;
      this.context = context;
    }

    private void notified() {
      context.runOnContext(
          v -> {
            if (!debouncing && !closed) {
              debouncing = true;
              vertx.setTimer(
                  DEBOUNCE_MS,
                  id -> {
                    debouncing = false;
                    check();
                  });
            }
          });
    }

    /** Compares the fingerprint with the last one; reports a change at most once per change. */
    void check() {
      if (closed || checking || fingerprint == null) {
        return;
      }
      checking = true;
      vertx
          .executeBlocking(() -> Fingerprint.of(spec), false)
          .onComplete(
              read -> {
                checking = false;
                if (closed || read.failed()) {
                  return;
                }
                Map<String, String> now = read.result();
                Map<String, String> before = fingerprint;
                if (!now.equals(before)) {
                  fingerprint = now;
                  onChange.accept(describe(before, now));
                }
              });
    }

    private String describe(Map<String, String> before, Map<String, String> now) {
      for (Map.Entry<String, String> entry : now.entrySet()) {
        if (!entry.getValue().equals(before.get(entry.getKey()))) {
          return entry.getKey() + " changed";
        }
      }
      for (String key : before.keySet()) {
        if (!now.containsKey(key)) {
          return key + " was removed";
        }
      }
      return "files changed";
    }

    void close() {
      closed = true;
      if (pollTimer >= 0) {
        vertx.cancelTimer(pollTimer);
      }
      watchesByKey.values().forEach(watches -> watches.remove(this));
    }
  }
}
