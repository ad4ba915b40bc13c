package io.webgarden.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.webgarden.operator.api.App;
import io.webgarden.operator.api.Autoscaling;
import io.webgarden.operator.api.Hosting;
import org.junit.jupiter.api.Test;

class SpecChecksTest {

  @Test
  void aPlainAppHasNoProblems() {
    assertThat(SpecChecks.problems(Apps.app("shop", Apps.image("shop:1")), Apps.DEFAULTS))
        .isEmpty();
  }

  @Test
  void runtimeImageIsNeededFromSpecOrOperator() {
    App app = Apps.app("shop", Apps.image("shop:1"));
    assertThat(SpecChecks.problems(app, new OperatorDefaults(null, "git-sync")))
        .containsExactly(
            "spec.runtime.image is not set and the operator has no default runtime image");
  }

  @Test
  void webConfigMustBeWellFormedAndNotWithGit() {
    App app = Apps.withStaging(Apps.app("shop", Apps.image("shop:1")), Apps.git("https://x"));
    app.getSpec().webConfig = "<configuration>";
    assertThat(SpecChecks.problems(app, Apps.DEFAULTS))
        .hasSize(2)
        .anyMatch(p -> p.startsWith("spec.webConfig cannot be used with a git source"))
        .anyMatch(p -> p.startsWith("spec.webConfig is not well-formed XML"));
  }

  @Test
  void externalEntitiesAreRefused() {
    App app = Apps.app("shop", Apps.image("shop:1"));
    app.getSpec().webConfig =
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><configuration>&e;</configuration>";
    assertThat(SpecChecks.problems(app, Apps.DEFAULTS))
        .singleElement()
        .asString()
        .startsWith("spec.webConfig is not well-formed XML");
  }

  @Test
  void entryPointStaysInTheSiteAndSourcesAreSingle() {
    App app = Apps.app("shop", Apps.configMap("shop-webgarden"));
    app.getSpec().entryPoint = "../server.js";
    app.getSpec().source.image = Apps.image("x").image;
    assertThat(SpecChecks.problems(app, Apps.DEFAULTS))
        .containsExactly(
            "spec.entryPoint must stay inside the site: '..' is not allowed",
            "spec.source must set exactly one of image, configMap, git",
            "spec.source.configMap.name names the operator's own ConfigMap; rename it");
  }

  @Test
  void hostingValuesAreSingleLines() {
    App app = Apps.app("shop", Apps.image("shop:1"));
    app.getSpec().hosting = new Hosting();
    app.getSpec().hosting.node_env = "production\nmaxPendingRequests: 0";
    assertThat(SpecChecks.problems(app, Apps.DEFAULTS))
        .containsExactly("spec.hosting.node_env must be a single line");
  }

  @Test
  void autoscalingNeedsACpuRequestOnTheHostContainer() {
    App app = Apps.app("shop", Apps.image("shop:1"));
    app.getSpec().autoscaling = new Autoscaling();
    app.getSpec().autoscaling.maxReplicas = 4;
    assertThat(SpecChecks.problems(app, Apps.DEFAULTS))
        .singleElement()
        .asString()
        .startsWith("spec.autoscaling needs spec.resources.requests.cpu")
        .contains("e.g. resources: {requests: {cpu: 250m}}");

    app.getSpec().resources =
        new ResourceRequirementsBuilder().addToRequests("memory", new Quantity("256Mi")).build();
    assertThat(SpecChecks.problems(app, Apps.DEFAULTS)).hasSize(1);

    app.getSpec().resources.getRequests().put("cpu", new Quantity("250m"));
    assertThat(SpecChecks.problems(app, Apps.DEFAULTS)).isEmpty();
  }

  @Test
  void anAppNamedLikeNoServiceCanBeIsInvalidNotAnErrorLoop() {
    App app =
        Apps.withStaging(Apps.app("s".repeat(56), Apps.image("shop:1")), Apps.image("shop:2"));
    assertThat(SpecChecks.problems(app, Apps.DEFAULTS))
        .singleElement()
        .asString()
        .startsWith("metadata.name '" + "s".repeat(56) + "' must be at most 55 characters");
  }
}
