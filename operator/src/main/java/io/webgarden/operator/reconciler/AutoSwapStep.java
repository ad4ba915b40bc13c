package io.webgarden.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.webgarden.operator.api.App;
import io.webgarden.operator.model.SlotPlanner.Wanted;
import io.webgarden.operator.swap.SourceSwap;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** autoSwap: exchange the sources in the spec, as a user's swap would; the flip follows. */
final class AutoSwapStep {
  private static final Logger LOG = LoggerFactory.getLogger(AutoSwapStep.class);

  /** A conflict only means the cached App is behind; status-only changes bring no new event. */
  private static final Duration RETRY = Duration.ofSeconds(1);

  private AutoSwapStep() {}

  static UpdateControl<App> run(App app, KubernetesClient client, AppEvents events, Wanted wanted) {
    try {
      new SourceSwap(client).exchange(app);
    } catch (KubernetesClientException e) {
      LOG.info("autoSwap patch not applied ({}), trying again in {}", e.getCode(), RETRY);
      return UpdateControl.<App>noUpdate().rescheduleAfter(RETRY);
    }
    events.normal(
        app,
        "AutoSwap",
        "staging revision "
            + wanted.stagingRevision()
            + " is rolled out and Ready: exchanging the slots' sources");
    // The spec change brings the next reconcile, which starts the swap.
    return UpdateControl.noUpdate();
  }
}
