package io.webgarden.operator.reconciler;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.webgarden.operator.api.App;
import io.webgarden.operator.model.Instance;
import io.webgarden.operator.model.Replicas;
import io.webgarden.operator.model.SlotPlan.Desire;
import io.webgarden.operator.model.SlotPlan.Kind;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Under server-side apply the operator leaves {@code spec.replicas} of an autoscaled Deployment to
 * the HPA. Two things must happen through the scale subresource first, before the workflow applies:
 * raising an instance to its floor (the HPA's minimum, or production's pods during a swap), and
 * taking the field out of the operator's own apply set where it still owns it (a former staging
 * instance, an older operator), since an apply that drops a field nobody else owns resets it to the
 * default of 1. A scale is an update, so it moves the field's ownership away from the operator's
 * apply.
 */
final class ReplicaHandover {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaHandover.class);

  private ReplicaHandover() {}

  static void run(App app, ReconcileInputs inputs, Context<App> context) {
    if (app.getSpec().autoscaling == null
        || !context
            .getControllerConfiguration()
            .getConfigurationService()
            .ssaBasedCreateUpdateMatchForDependentResources()) {
      return; // without SSA the Deployment dependent writes the count itself
    }
    String manager = context.getControllerConfiguration().fieldManager();
    for (Map.Entry<Instance, Deployment> entry : inputs.actual().entrySet()) {
      Desire desire = inputs.plan().desire(entry.getKey());
      if (desire.kind() != Kind.RUN || desire.content().replicas() != null) {
        continue;
      }
      Deployment actual = entry.getValue();
      int current = actual.getSpec().getReplicas() == null ? 1 : actual.getSpec().getReplicas();
      int floor =
          Replicas.autoscaledFloor(app.getSpec(), inputs.plan(), entry.getKey(), inputs.observed());
      if (current < floor || appliesReplicas(actual, manager)) {
        int target = Math.max(current, floor);
        LOG.info(
            "scaling {} from {} to {} pods through the scale subresource",
            actual.getMetadata().getName(),
            current,
            target);
        // Read and write only the scale subresource: fabric8's scale(int) also GETs the
        // Deployment itself, which the chart's least-privilege Role does not grant.
        var deployment =
            context
                .getClient()
                .apps()
                .deployments()
                .inNamespace(actual.getMetadata().getNamespace())
                .withName(actual.getMetadata().getName());
        Scale scale = deployment.scale();
        scale.getSpec().setReplicas(target);
        deployment.scale(scale);
      }
    }
  }

  /** Whether the operator's own apply set holds spec.replicas. */
  private static boolean appliesReplicas(Deployment deployment, String manager) {
    for (ManagedFieldsEntry entry : deployment.getMetadata().getManagedFields()) {
      if (manager.equals(entry.getManager())
          && "Apply".equals(entry.getOperation())
          && entry.getFieldsV1() != null
          && entry.getFieldsV1().getAdditionalProperties().get("f:spec") instanceof Map<?, ?> spec
          && spec.containsKey("f:replicas")) {
        return true;
      }
    }
    return false;
  }
}
