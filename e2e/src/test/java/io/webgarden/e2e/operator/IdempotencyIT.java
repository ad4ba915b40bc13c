package io.webgarden.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webgarden.e2e.cluster.AuditLog;
import io.webgarden.e2e.cluster.ClusterExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Level-based and idempotent, measured by the API server itself: once Apps settle, the audit log
 * shows no write by the operator's ServiceAccount, neither while it runs nor when it restarts.
 */
@ExtendWith({ClusterExtension.class, OperatorExtension.class})
class IdempotencyIT {
  private OperatorFixture operator;
  private Apps apps;
  private String ns;

  @BeforeEach
  void settledApps(OperatorFixture operator) {
    this.operator = operator;
    this.ns = operator.cluster().createNamespace("idem");
    this.apps = new Apps(operator.cluster(), ns);
    apps.apply(
        Apps.manifest(
            "plain",
            "example.invalid/site:1",
            """
        replicas: 2
        hosting:
          maxPendingRequests: 50
        """));
    apps.apply(
        Apps.manifest(
            "slots",
            "example.invalid/site:1",
            """
        replicas: 1
        slots:
          staging:
            source:
              image:
                ref: example.invalid/site:2
        """));
    apps.apply(
        Apps.manifest(
            "scaled",
            "example.invalid/site:1",
            """
        resources:
          requests:
            cpu: 100m
        autoscaling:
          minReplicas: 2
          maxReplicas: 3
        """));
    for (String name : List.of("plain", "slots", "scaled")) {
      apps.awaitSettled(name);
    }
  }

  private List<String> operatorWrites(AuditLog.Mark mark) {
    return operator.cluster().audit().writesBy(OperatorInstall.USER, mark).stream()
        // Taking the Lease and JOSDK's start-up check of its rights are not about Apps.
        .filter(
            e -> !e.resource().equals("leases") && !e.resource().equals("selfsubjectrulesreviews"))
        .map(AuditLog.Event::describe)
        .toList();
  }

  @Test
  void aSettledOperatorWritesNothingFor30Seconds() {
    // Settled means every replica Ready; the status write that says so is the last write.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                apps.get("scaled")
                    .path("status")
                    .path("production")
                    .path("ready")
                    .asText()
                    .equals("2/2"));
    AuditLog.Mark mark = operator.cluster().audit().mark();
    await("30 s without an operator write")
        .during(Duration.ofSeconds(30))
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(operatorWrites(mark)).isEmpty());
  }

  @Test
  void aRestartedOperatorReconcilesEverythingAndWritesNothing() {
    operator.stopMain();
    AuditLog.Mark mark = operator.cluster().audit().mark();
    OperatorProcess restarted = operator.restartMain();
    // Wait until the new process has reconciled each App at least once (its own metrics).
    await("restarted operator reconciled the Apps")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(Metrics.reconciledApps(restarted.body("/metrics"), ns))
                    .containsExactlyInAnyOrder("plain", "slots", "scaled"));
    assertThat(operatorWrites(mark)).isEmpty();
  }
}
