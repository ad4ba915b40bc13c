package io.webgarden.operator.model;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.Map;
import java.util.Objects;

/**
 * What one instance's Deployment runs and whether it has fully rolled out, read from the cache.
 *
 * @param rolledOut every pod runs the current template and is available (the sidecar turns ready
 *     only after its initialization pages answered, so available means warm); at zero replicas, the
 *     controller has observed the scale-down and no pod is left
 */
public record ObservedInstance(
    boolean exists,
    String revision,
    String source,
    boolean rolledOut,
    int replicas,
    int readyReplicas) {

  public static final ObservedInstance ABSENT =
      new ObservedInstance(false, null, null, false, 0, 0);

  public static ObservedInstance of(Deployment deployment) {
    if (deployment == null) {
      return ABSENT;
    }
    Map<String, String> annotations = deployment.getMetadata().getAnnotations();
    String revision = annotations == null ? null : annotations.get(Annotations.REVISION);
    String source = annotations == null ? null : annotations.get(Annotations.SOURCE);
    int wanted = orZero(deployment.getSpec().getReplicas());
    DeploymentStatus status = deployment.getStatus();
    if (status == null) {
      return new ObservedInstance(true, revision, source, false, wanted, 0);
    }
    Long generation = deployment.getMetadata().getGeneration();
    boolean observed =
        generation == null
            || (status.getObservedGeneration() != null
                && status.getObservedGeneration() >= generation);
    int ready = orZero(status.getReadyReplicas());
    boolean rolledOut =
        observed
            && orZero(status.getReplicas()) == wanted
            && orZero(status.getUpdatedReplicas()) == wanted
            && orZero(status.getAvailableReplicas()) == wanted
            && ready == wanted;
    return new ObservedInstance(true, revision, source, rolledOut, wanted, ready);
  }

  /** Fully rolled out and running exactly {@code expectedRevision}. */
  public boolean readyWith(String expectedRevision) {
    return exists && rolledOut && Objects.equals(revision, expectedRevision);
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
