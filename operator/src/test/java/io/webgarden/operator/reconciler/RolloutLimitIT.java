package io.webgarden.operator.reconciler;

import static io.webgarden.operator.reconciler.MockCluster.NS;
import static io.webgarden.operator.reconciler.MockCluster.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.webgarden.operator.api.App;
import io.webgarden.operator.model.Annotations;
import io.webgarden.operator.model.Apps;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A change that rolls every App's pods starts only as many rollouts as the limit allows. */
class RolloutLimitIT {
  private MockCluster cluster;

  @AfterEach
  void stop() {
    cluster.close();
  }

  private static String revision(Deployment d) {
    return d.getMetadata().getAnnotations().get(Annotations.REVISION);
  }

  @Test
  void oneRolloutPerMinuteHoldsTheSecondAppAndSaysSo() {
    cluster = new MockCluster().startOperator(1);
    for (String name : List.of("one", "two")) {
      App app = Apps.app(name, Apps.image("registry.test/" + name + ":1"));
      app.getMetadata().setNamespace(NS);
      cluster.create(app);
      cluster.markReady(name + "-a");
      cluster.awaitApp(name, condition("Ready", "True", "Available"));
    }
    Map<String, String> before =
        Map.of(
            "one", revision(cluster.get(Deployment.class, "one-a")),
            "two", revision(cluster.get(Deployment.class, "two-a")));

    // What an operator upgrade does to every App: a new pod template.
    for (String name : List.of("one", "two")) {
      cluster.editApp(name, a -> a.getSpec().appSettings = Apps.env("COLOR", "blue"));
    }

    App queued =
        await()
            .atMost(MockCluster.PATIENCE)
            .until(
                () ->
                    Stream.of("one", "two")
                        .map(cluster::app)
                        .filter(condition("Progressing", "True", "RolloutQueued"))
                        .findFirst()
                        .orElse(null),
                a -> a != null);
    String rolled = queued.getMetadata().getName().equals("one") ? "two" : "one";
    String held = queued.getMetadata().getName();
    cluster.awaitObject(
        Deployment.class, rolled + "-a", d -> !revision(d).equals(before.get(rolled)));
    assertThat(revision(cluster.get(Deployment.class, held + "-a")))
        .as("the queued App's pods are untouched")
        .isEqualTo(before.get(held));
    assertThat(queued.getStatus().conditions)
        .anyMatch(
            c ->
                c.getType().equals("Progressing")
                    && c.getMessage().contains("--rollouts-per-minute"));
  }
}
