package io.webgarden.operator.swap;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.webgarden.operator.api.App;
import io.webgarden.operator.model.SwapPatch;

/**
 * Exchanges an App's production and staging sources, as {@code kubectl webgarden swap} and autoSwap
 * do. The operator then sees production's desired source on the staging instance and flips the
 * Services once that instance is Ready; nothing else is needed.
 */
public final class SourceSwap {
  private final KubernetesClient client;

  public SourceSwap(KubernetesClient client) {
    this.client = client;
  }

  /**
   * @return the App after the patch
   * @throws IllegalStateException when the App has no staging slot
   * @throws io.fabric8.kubernetes.client.KubernetesClientException when it changed meanwhile
   */
  public App exchange(App app) {
    String patch =
        SwapPatch.exchangeSources(app)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "App "
                            + app.getMetadata().getName()
                            + " has no staging slot to swap with"));
    return client
        .resources(App.class)
        .inNamespace(app.getMetadata().getNamespace())
        .withName(app.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON), patch);
  }

  /** Reads the App and swaps it. */
  public App exchange(String namespace, String name) {
    App app = client.resources(App.class).inNamespace(namespace).withName(name).get();
    if (app == null) {
      throw new IllegalArgumentException("App " + namespace + "/" + name + " not found");
    }
    return exchange(app);
  }
}
