package io.webgarden.operator.model;

import static io.webgarden.operator.model.Apps.DEFAULTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.webgarden.operator.api.App;
import io.webgarden.operator.api.AppStatus;
import io.webgarden.operator.model.SlotPlan.Kind;
import io.webgarden.operator.model.SlotPlanner.Wanted;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which instances a plan would roll, and what a queued rollout looks like in status. */
class RolloutsTest {

  private static ObservedInstance running(App app, SlotContent content, Instance instance) {
    Deployment d = Workloads.deployment(app, content, instance, 1, DEFAULTS);
    d.setStatus(
        new DeploymentStatusBuilder()
            .withReplicas(1)
            .withUpdatedReplicas(1)
            .withReadyReplicas(1)
            .withAvailableReplicas(1)
            .build());
    return ObservedInstance.of(d);
  }

  @Test
  void onlyAnExistingDeploymentWhoseTemplateChangesIsARollout() {
    App app = Apps.withStaging(Apps.app("shop", Apps.image("shop:1")), Apps.image("shop:2"));
    Wanted before = Wanted.of(app, DEFAULTS);
    Map<Instance, ObservedInstance> observed = new EnumMap<>(Instance.class);
    observed.put(Instance.a, running(app, before.production(), Instance.a));
    observed.put(Instance.b, ObservedInstance.ABSENT);
    app.getSpec().appSettings = Apps.env("COLOR", "blue");
    Wanted wanted = Wanted.of(app, DEFAULTS);
    SlotPlan plan = SlotPlanner.plan(wanted, Instance.a, observed, false, null);

    assertThat(SlotPlanner.rollouts(plan, wanted, observed))
        .as("a rolls to the new template; b is created, which rolls nothing")
        .containsExactly(Instance.a);

    SlotPlan queued = plan.queue(Instance.a);
    assertThat(queued.desire(Instance.a).kind()).isEqualTo(Kind.HOLD);
    assertThat(queued.desire(Instance.b)).isEqualTo(plan.desire(Instance.b));
    var status =
        StatusModel.reconciled(new AppStatus(), 2, wanted, queued, observed, null, Instant.EPOCH);
    var progressing = Conditions.find(status.conditions, Conditions.PROGRESSING);
    assertThat(progressing.getStatus()).isEqualTo("True");
    assertThat(progressing.getReason()).isEqualTo("RolloutQueued");
    assertThat(progressing.getMessage()).contains("instance a").contains("--rollouts-per-minute");
  }
}
