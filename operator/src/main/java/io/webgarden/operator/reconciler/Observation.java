package io.webgarden.operator.reconciler;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.webgarden.operator.api.App;
import io.webgarden.operator.model.Instance;
import io.webgarden.operator.model.Labels;
import io.webgarden.operator.model.Names;
import io.webgarden.operator.model.ObservedInstance;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the cache says about an App's instances. Production is read from the production
 * Service's selector, the object that really decides where traffic goes, so status can never
 * disagree with the cluster.
 */
record Observation(Instance production, Map<Instance, Deployment> deployments) {

  static Observation of(App app, Context<App> context) {
    String name = app.getMetadata().getName();
    Map<Instance, Deployment> deployments = new EnumMap<>(Instance.class);
    for (Deployment d : context.getSecondaryResources(Deployment.class)) {
      for (Instance instance : Instance.values()) {
        if (d.getMetadata().getName().equals(Names.deployment(name, instance))) {
          deployments.put(instance, d);
        }
      }
    }
    Instance production =
        context.getSecondaryResources(Service.class).stream()
            .filter(s -> s.getMetadata().getName().equals(Names.productionService(name)))
            .map(s -> s.getSpec().getSelector().get(Labels.SLOT_INSTANCE))
            .map(Instance::parse)
            .findFirst()
            .orElse(Instance.a);
    return new Observation(production, deployments);
  }

  Map<Instance, ObservedInstance> instances() {
    Map<Instance, ObservedInstance> observed = new EnumMap<>(Instance.class);
    for (Instance instance : Instance.values()) {
      observed.put(instance, ObservedInstance.of(deployments.get(instance)));
    }
    return observed;
  }
}
