package io.webgarden.operator.reconciler;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.webgarden.operator.api.App;
import io.webgarden.operator.api.SwapRecord;
import io.webgarden.operator.model.Instance;
import io.webgarden.operator.model.Labels;
import io.webgarden.operator.model.Names;
import io.webgarden.operator.model.ObservedInstance;
import io.webgarden.operator.model.SwapMark;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the cache says about an App's instances. Production is read from the production Service's
 * selector, the object that really decides where traffic goes, so status can never disagree with
 * the cluster; so is the last swap, which that Service records.
 */
record Observation(
    Instance production, Map<Instance, Deployment> deployments, SwapRecord lastSwap) {

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
    Optional<Service> service =
        context.getSecondaryResources(Service.class).stream()
            .filter(s -> s.getMetadata().getName().equals(Names.productionService(name)))
            .findFirst();
    Instance production =
        service
            .map(s -> s.getSpec().getSelector().get(Labels.SLOT_INSTANCE))
            .map(Instance::parse)
            .orElse(Instance.a);
    return new Observation(production, deployments, service.map(SwapMark::read).orElse(null));
  }

  Map<Instance, ObservedInstance> instances() {
    Map<Instance, ObservedInstance> observed = new EnumMap<>(Instance.class);
    for (Instance instance : Instance.values()) {
      observed.put(instance, ObservedInstance.of(deployments.get(instance)));
    }
    return observed;
  }
}
