package io.webgarden.operator.model;

import static io.webgarden.operator.model.Apps.DEFAULTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.webgarden.operator.api.App;
import io.webgarden.operator.api.AppStatus;
import io.webgarden.operator.model.SlotPlanner.Wanted;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code replicas: 0} in either slot settles: once the Deployment controller has observed the
 * scale-down, the App is Ready and not Progressing, which kstatus, Argo CD and Flux take as done.
 */
class ScaledToZeroTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A Deployment as the controller leaves it: status counts omitted at zero, generation seen. */
  private static ObservedInstance settled(App app, SlotContent content, Instance instance) {
    int replicas = content.replicas();
    Deployment d = Workloads.deployment(app, content, instance, replicas, DEFAULTS);
    d.getMetadata().setGeneration(4L);
    DeploymentStatusBuilder status = new DeploymentStatusBuilder().withObservedGeneration(4L);
    if (replicas > 0) {
      status
          .withReplicas(replicas)
          .withUpdatedReplicas(replicas)
          .withReadyReplicas(replicas)
          .withAvailableReplicas(replicas);
    }
    d.setStatus(status.build());
    return ObservedInstance.of(d);
  }

  private static AppStatus status(App app) {
    Wanted wanted = Wanted.of(app, DEFAULTS);
    Map<Instance, ObservedInstance> observed = new EnumMap<>(Instance.class);
    observed.put(Instance.a, settled(app, wanted.production(), Instance.a));
    observed.put(
        Instance.b,
        wanted.staging().map(s -> settled(app, s, Instance.b)).orElse(ObservedInstance.ABSENT));
    SlotPlan plan = SlotPlanner.plan(wanted, Instance.a, observed, false, null);
    return StatusModel.reconciled(new AppStatus(), 4, wanted, plan, observed, null, T0);
  }

  private static String condition(AppStatus status, String type) {
    var c = Conditions.find(status.conditions, type);
    return c.getStatus() + " " + c.getReason();
  }

  @Test
  void productionAtZeroIsSteady() {
    App app = Apps.app("shop", Apps.image("shop:1"));
    app.getSpec().replicas = 0;
    AppStatus status = status(app);

    assertThat(condition(status, Conditions.READY)).isEqualTo("True ScaledToZero");
    assertThat(condition(status, Conditions.PROGRESSING)).isEqualTo("False Complete");
    assertThat(status.production.ready).isEqualTo("0/0");
  }

  @Test
  void stagingAtZeroIsSteadyAndNeverAutoSwapped() {
    App app = Apps.withStaging(Apps.app("shop", Apps.image("shop:1")), Apps.image("shop:2"));
    app.getSpec().slots.staging.replicas = 0;
    app.getSpec().slots.autoSwap = true;
    AppStatus status = status(app);

    assertThat(condition(status, Conditions.READY)).isEqualTo("True Available");
    assertThat(condition(status, Conditions.PROGRESSING)).isEqualTo("False Complete");

    Wanted wanted = Wanted.of(app, DEFAULTS);
    Map<Instance, ObservedInstance> observed = new EnumMap<>(Instance.class);
    observed.put(Instance.a, settled(app, wanted.production(), Instance.a));
    observed.put(Instance.b, settled(app, wanted.staging().orElseThrow(), Instance.b));
    assertThat(SlotPlanner.plan(wanted, Instance.a, observed, true, null).autoSwapDue())
        .as("no pod of staging ever answered: nothing to swap in")
        .isFalse();
  }

  @Test
  void aScaleDownNotYetObservedIsStillProgressing() {
    App app = Apps.app("shop", Apps.image("shop:1"));
    app.getSpec().replicas = 0;
    Deployment d =
        Workloads.deployment(app, SlotContent.production(app.getSpec()), Instance.a, 0, DEFAULTS);
    d.getMetadata().setGeneration(5L);
    d.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(4L)
            .withReplicas(2)
            .withReadyReplicas(2)
            .withAvailableReplicas(2)
            .withUpdatedReplicas(2)
            .build());

    assertThat(ObservedInstance.of(d).rolledOut()).isFalse();
  }
}
