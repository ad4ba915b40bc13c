package io.webgarden.sidecar.lifecycle;

import io.vertx.core.Vertx;
import io.webgarden.sidecar.config.RecycleTimes;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.host.Application;
import io.webgarden.sidecar.host.ApplicationManager;
import io.webgarden.sidecar.host.ProcessState;
import io.webgarden.sidecar.host.ProcessStatus;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IIS 6's worker-process recycling and health monitoring, checked on one timer for every
 * application: age (periodicRecycleMinutes), request count (recycleAfterRequests), resident memory
 * (recycleAboveMemoryMB), times of day (recycleAtTimes), health pings (healthCheckPath) and idle
 * shutdown (idleTimeoutMs). Each recycle is the host's overlapped per-process replacement.
 */
public final class ProcessPolicies {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessPolicies.class);
  static final long TICK_MS = 250;
  private static final long MEMORY_SAMPLE_MS = 2000;

  private final Vertx vertx;
  private final ApplicationManager applications;
  private final Clock clock;
  private final Map<Long, Long> lastPing = new ConcurrentHashMap<>();
  private final Set<Long> pinging = ConcurrentHashMap.newKeySet();
  private LocalDateTime lastTick;
  private long lastMemorySample;
  private long timer = -1;

  public ProcessPolicies(Vertx vertx, ApplicationManager applications, Clock clock) {
    this.vertx = vertx;
    this.applications = applications;
    this.clock = clock;
  }

  public void start() {
    lastTick = LocalDateTime.now(clock);
    timer = vertx.setPeriodic(TICK_MS, id -> tick());
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void tick() {
    LocalDateTime now = LocalDateTime.now(clock);
    long nowMillis = clock.millis();
    boolean sampleMemory = nowMillis - lastMemorySample >= MEMORY_SAMPLE_MS;
    Set<Long> seen = new HashSet<>();
    for (Application app : applications.applications()) {
      Settings settings = app.settings();
      List<ProcessStatus> processes = app.status().processes();
      processes.forEach(p -> seen.add(p.pid()));
      // Always, not only under recycleAboveMemoryMB: GET /apps reports it too.
      if (sampleMemory) {
        sampleMemory(app, processes);
      }
      if (crossedRecycleTime(settings, lastTick, now)) {
        processes.forEach(p -> app.recycleProcess(p.pid(), "recycleAtTimes"));
        continue;
      }
      for (ProcessStatus process : processes) {
        if (process.state() == ProcessState.READY) {
          checkProcess(app, settings, process, nowMillis);
        }
      }
      int idle = settings.integer(Setting.IDLE_TIMEOUT_MS);
      if (idle > 0) {
        app.stopIfIdle(idle);
      }
    }
    if (sampleMemory) {
      lastMemorySample = nowMillis;
    }
    lastPing.keySet().retainAll(seen);
    lastTick = now;
  }

  private void checkProcess(Application app, Settings settings, ProcessStatus process, long now) {
    int minutes = settings.integer(Setting.PERIODIC_RECYCLE_MINUTES);
    int requests = settings.integer(Setting.RECYCLE_AFTER_REQUESTS);
    int memoryMb = settings.integer(Setting.RECYCLE_ABOVE_MEMORY_MB);
    if (minutes > 0 && process.uptimeMillis() >= minutes * 60_000L) {
      app.recycleProcess(process.pid(), "periodicRecycleMinutes=" + minutes);
    } else if (requests > 0 && process.servedRequests() >= requests) {
      app.recycleProcess(process.pid(), "recycleAfterRequests=" + requests);
    } else if (memoryMb > 0 && process.residentBytes() > memoryMb * 1024L * 1024L) {
      app.recycleProcess(
          process.pid(),
          "resident memory "
              + process.residentBytes() / 1048576
              + " MiB above recycleAboveMemoryMB="
              + memoryMb);
    } else if (!settings.string(Setting.HEALTH_CHECK_PATH).isBlank()) {
      ping(app, settings, process.pid(), now);
    }
  }

  private void ping(Application app, Settings settings, long pid, long now) {
    long interval = settings.integer(Setting.HEALTH_CHECK_INTERVAL_MS);
    Long last = lastPing.putIfAbsent(pid, now);
    if (last == null || now - last < interval || !pinging.add(pid)) {
      return;
    }
    lastPing.put(pid, now);
    app.healthCheck(pid)
        .onComplete(
            result -> {
              pinging.remove(pid);
              if (result.failed()) {
                String cause = result.cause().getMessage();
                if (app.recycleHungProcess(pid, "health check failed: " + cause)) {
                  LOG.warn(
                      "{}: process {} failed its health check ({}); it is hung",
                      app.name(),
                      pid,
                      cause);
                }
              }
            });
  }

  private void sampleMemory(Application app, List<ProcessStatus> processes) {
    vertx.executeBlocking(
        () -> {
          for (ProcessStatus process : processes) {
            app.residentBytes(process.pid(), ResidentMemory.of(process.pid()));
          }
          return null;
        },
        false);
  }

  /** Whether one of the configured times of day lies in {@code (from, to]}. */
  static boolean crossedRecycleTime(Settings settings, LocalDateTime from, LocalDateTime to) {
    String times = settings.string(Setting.RECYCLE_AT_TIMES);
    if (times.isBlank() || !to.isAfter(from)) {
      return false;
    }
    for (LocalTime time : RecycleTimes.parse(times)) {
      LocalDateTime candidate = to.toLocalDate().atTime(time);
      if (candidate.isAfter(to)) {
        candidate = candidate.minusDays(1);
      }
      if (candidate.isAfter(from)) {
        return true;
      }
    }
    return false;
  }
}
