package io.webgarden.operator.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.webgarden.operator.api.App;
import io.webgarden.operator.api.AppSpec;
import io.webgarden.operator.api.ConfigMapSource;
import io.webgarden.operator.api.GitSource;
import io.webgarden.operator.api.ImageSource;
import io.webgarden.operator.api.Slots;
import io.webgarden.operator.api.Source;
import io.webgarden.operator.api.StagingSlot;
import java.util.List;

/** Small App fixtures for the model tests. */
public final class Apps {
  public static final OperatorDefaults DEFAULTS =
      new OperatorDefaults("webgarden/host:test", OperatorDefaults.DEFAULT_GIT_SYNC_IMAGE);

  private Apps() {}

  public static App app(String name, Source source) {
    App app = new App();
    app.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("shop").build());
    AppSpec spec = new AppSpec();
    spec.entryPoint = "server.js";
    spec.source = source;
    app.setSpec(spec);
    return app;
  }

  public static App withStaging(App app, Source staging) {
    app.getSpec().slots = new Slots();
    app.getSpec().slots.staging = new StagingSlot();
    app.getSpec().slots.staging.source = staging;
    return app;
  }

  public static Source image(String ref) {
    Source source = new Source();
    source.image = new ImageSource();
    source.image.ref = ref;
    return source;
  }

  public static Source configMap(String name) {
    Source source = new Source();
    source.configMap = new ConfigMapSource();
    source.configMap.name = name;
    return source;
  }

  public static Source git(String repository) {
    Source source = new Source();
    source.git = new GitSource();
    source.git.repository = repository;
    source.git.ref = "main";
    return source;
  }

  public static List<EnvVar> env(String name, String value) {
    return List.of(new EnvVar(name, value, null));
  }
}
