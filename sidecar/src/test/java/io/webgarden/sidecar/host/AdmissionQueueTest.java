package io.webgarden.sidecar.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.webgarden.sidecar.apps.AppRevision;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.metrics.SidecarMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pending queue on its own, over processes that are never spawned. */
class AdmissionQueueTest {
  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final Object lock = new Object();
  private final SidecarMetrics metrics = new SidecarMetrics();
  private final List<NodeProcess> serving = new ArrayList<>();
  private final List<NodeProcess> released = new ArrayList<>();
  private long starting;
  private AppRevision revision = revision(1, 2, 200);
  private final AdmissionQueue queue =
      new AdmissionQueue(
          lock,
          vertx,
          "/app.js",
          metrics,
          new AdmissionQueue.Processes() {
            @Override
            public List<NodeProcess> serving() {
              return serving;
            }

            @Override
            public long starting() {
              return starting;
            }

            @Override
            public boolean othersLive(Set<NodeProcess> exclude) {
              return serving.stream().anyMatch(p -> !exclude.contains(p));
            }
          },
          () -> revision,
          this::release,
          () -> {});

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private void release(NodeProcess process) {
    synchronized (lock) {
      process.requestEnded();
      released.add(process);
      queue.dispatch();
    }
  }

  private static AppRevision revision(int maxConcurrent, int maxPending, int timeoutMs) {
    return UnspawnedProcesses.revision(
        1,
        Setting.MAX_CONCURRENT_REQUESTS_PER_PROCESS,
        maxConcurrent,
        Setting.MAX_PENDING_REQUESTS,
        maxPending,
        Setting.PENDING_REQUEST_TIMEOUT,
        timeoutMs,
        Setting.NODE_PROCESS_COUNT_PER_APPLICATION,
        1);
  }

  private NodeProcess ready() {
    NodeProcess process = UnspawnedProcesses.ready(vertx, revision);
    serving.add(process);
    return process;
  }

  private Future<Lease> admit() {
    synchronized (lock) {
      return queue.admit(context, Set.of(), null);
    }
  }

  private static <T> T await(Future<T> future)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static HostFailure failure(Future<Lease> future) throws InterruptedException {
    try {
      await(future);
    } catch (ExecutionException e) {
      return (HostFailure) e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("the admission neither failed nor succeeded", e);
    }
    throw new AssertionError("the admission succeeded");
  }

  @Test
  void aReleasedSlotGoesToTheOldestWaiter() throws Exception {
    NodeProcess process = ready();
    revision = revision(1, 2, 10_000);
    Lease first = await(admit());
    Future<Lease> second = admit();
    Future<Lease> third = admit();
    assertThat(queue.size()).isEqualTo(2);
    assertThat(second.isComplete()).isFalse();

    first.release();
    Lease secondLease = await(second);
    assertThat(secondLease.pid()).isEqualTo(process.pid());
    assertThat(third.isComplete()).isFalse();
    assertThat(queue.size()).isEqualTo(1);

    secondLease.release();
    await(third).release();
    assertThat(queue.isEmpty()).isTrue();
    assertThat(process.activeRequests()).isZero();
    assertThat(released).containsExactly(process, process, process);
  }

  @Test
  void requestsGoRoundRobinBelowTheCap() throws Exception {
    NodeProcess a = ready();
    NodeProcess b = ready();
    revision = revision(2, 2, 10_000);
    await(admit());
    await(admit());
    await(admit());
    await(admit());
    assertThat(a.activeRequests()).isEqualTo(2);
    assertThat(b.activeRequests()).isEqualTo(2);
    assertThat(admit().isComplete()).isFalse();
  }

  @Test
  void aFullQueueRefusesAtOnce() throws Exception {
    ready();
    revision = revision(1, 1, 10_000);
    await(admit());
    Future<Lease> waiting = admit();
    HostFailure refused = failure(admit());
    assertThat(refused.kind()).isEqualTo(HostFailure.Kind.QUEUE_FULL);
    assertThat(refused.getMessage()).contains("maxPendingRequests");
    assertThat(waiting.isComplete()).isFalse();
    assertThat(metrics.scrape()).contains("reason=\"queue-full\"");
  }

  @Test
  void aWaiterGivesUpAfterPendingRequestTimeout() throws Exception {
    ready();
    revision = revision(1, 5, 100);
    await(admit());
    long asked = System.nanoTime();
    HostFailure timedOut = failure(admit());
    assertThat(timedOut.kind()).isEqualTo(HostFailure.Kind.QUEUE_TIMEOUT);
    assertThat(timedOut.getMessage()).contains("100 ms (pendingRequestTimeout)");
    assertThat(System.nanoTime() - asked).isGreaterThanOrEqualTo(100_000_000L);
    assertThat(queue.isEmpty()).isTrue();
  }

  @Test
  void failAllFailsEveryWaiterWithTheCause() throws Exception {
    revision = revision(1, 5, 10_000);
    Future<Lease> one = admit();
    Future<Lease> two = admit();
    HostFailure cause = new HostFailure(HostFailure.Kind.APP_START_FAILED, "no such node");
    synchronized (lock) {
      queue.failAll(cause);
    }
    assertThat(failure(one)).isSameAs(cause);
    assertThat(failure(two)).isSameAs(cause);
    assertThat(queue.isEmpty()).isTrue();
  }

  @Test
  void anAbandonedWaiterLosesItsPlace() throws Exception {
    NodeProcess process = ready();
    revision = revision(1, 5, 10_000);
    Lease busy = await(admit());
    Future<Lease> gone = admit();
    Future<Lease> next = admit();
    queue.abandon(gone);
    assertThat(failure(gone).kind()).isEqualTo(HostFailure.Kind.CLIENT_GONE);
    busy.release();
    assertThat(await(next).pid()).isEqualTo(process.pid());
    assertThat(process.activeRequests()).isEqualTo(1);
  }

  @Test
  void aDemandStartHoldsTheQueueWhileTheGardenStarts() throws Exception {
    revision = revision(1, 5, 10_000);
    starting = 2;
    Future<Lease> first;
    synchronized (lock) {
      queue.holdForDemandStart();
      first = queue.admit(context, Set.of(), null);
    }
    ready();
    starting = 1;
    synchronized (lock) {
      queue.processReady();
    }
    assertThat(first.isComplete()).isFalse();
    ready();
    starting = 0;
    synchronized (lock) {
      queue.processReady();
    }
    await(first);
  }

  @Test
  void aRetryAvoidsTheProcessThatFailedIt() throws Exception {
    NodeProcess failed = ready();
    NodeProcess other = ready();
    revision = revision(1, 5, 10_000);
    Future<Lease> retry;
    synchronized (lock) {
      retry = queue.admit(context, Set.of(failed), null);
    }
    assertThat(await(retry).process()).isSameAs(other);
  }
}
