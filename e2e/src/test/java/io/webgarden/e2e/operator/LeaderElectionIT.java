package io.webgarden.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.webgarden.e2e.cluster.ClusterExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two operator processes, one Lease: one reconciles, and a killed leader is replaced in time. */
@ExtendWith({ClusterExtension.class, OperatorExtension.class})
class LeaderElectionIT {
  private OperatorFixture operator;

  @AfterEach
  void restoreMain() {
    operator.restartMain();
  }

  private Lease lease() {
    return operator
        .client()
        .leases()
        .inNamespace(OperatorInstall.NAMESPACE)
        .withName("webgarden-operator")
        .get();
  }

  private String holder() {
    Lease lease = lease();
    return lease == null ? "" : lease.getSpec().getHolderIdentity();
  }

  @Test
  void oneHoldsTheLeaseAndAKilledLeaderIsReplacedWithinTheLeaseDuration(OperatorFixture operator) {
    this.operator = operator;
    operator.stopMain();
    OperatorProcess first = operator.startProcess("first");
    await("first holds the Lease")
        .atMost(Duration.ofSeconds(60))
        .until(() -> holder().equals(first.identity()));
    OperatorProcess second = operator.startProcess("second");
    assertThat(second.status("/readyz")).as("a standby replica is ready too").isEqualTo(200);
    assertThat(holder()).isEqualTo(first.identity());

    String ns = operator.cluster().createNamespace("leader");
    Apps apps = new Apps(operator.cluster(), ns);
    apps.apply(Apps.manifest("led", "example.invalid/site:1", "replicas: 1\n"));
    apps.awaitSettled("led");

    int leaseSeconds = lease().getSpec().getLeaseDurationSeconds();
    long killed = System.nanoTime();
    first.kill();
    await("second takes the Lease")
        .atMost(Duration.ofSeconds(leaseSeconds + 10L))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> holder().equals(second.identity()));
    Duration handover = Duration.ofNanos(System.nanoTime() - killed);
    System.out.printf(
        "leader handover after SIGKILL: %d ms (lease %d s)%n", handover.toMillis(), leaseSeconds);
    // The Lease expires leaseDuration after the dead leader's last renewal (before the kill); the
    // standby retries every retry period (JOSDK's 2 s) plus fabric8's jitter of up to 120% of it,
    // so the handover lands within the lease duration plus 4.4 s and the acquiring write.
    assertThat(handover).isLessThanOrEqualTo(Duration.ofSeconds(leaseSeconds + 5L));

    apps.patch("led", "{\"spec\":{\"replicas\":2}}");
    assertThat(apps.awaitSettled("led").path("status").path("production").path("ready").asText())
        .as("the new leader reconciles")
        .isEqualTo("2/2");
    second.close();
  }
}
