package io.webgarden.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.javaoperatorsdk.operator.api.config.BaseConfigurationService;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.BooleanWithUndefined;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.webgarden.operator.api.App;
import io.webgarden.operator.reconciler.AppReconciler;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Least privilege: the chart grants exactly the calls the operator makes, derived here from the
 * operator's own workflow so that a new dependent without its RBAC (or RBAC left behind for one
 * that is gone) fails this test rather than the first install.
 */
class ChartRbacTest {
  /** One permission: API group, resource (or resource/subresource), verb. */
  record Grant(String group, String resource, String verb) implements Comparable<Grant> {
    @Override
    public int compareTo(Grant other) {
      return toString().compareTo(other.toString());
    }
  }

  private static void grant(
      Set<Grant> grants, Class<? extends HasMetadata> type, String subresource, String... verbs) {
    String group = HasMetadata.getGroup(type) == null ? "" : HasMetadata.getGroup(type);
    String resource = HasMetadata.getPlural(type) + subresource;
    for (String verb : verbs) {
      grants.add(new Grant(group, resource, verb));
    }
  }

  /** The API calls of AppReconciler's controller, its workflow and what it calls itself. */
  static Set<Grant> operatorCalls() throws ReflectiveOperationException {
    Set<Grant> calls = new TreeSet<>();
    // The controller's informer; status via UpdateControl.patchStatus (server-side apply);
    // autoSwap (SourceSwap) JSON-patches the App's spec, and fabric8 GETs the App before a JSON
    // patch: without get, autoSwap was refused (403) on the real API server (e2e SlotsIT).
    grant(calls, App.class, "", "get", "list", "watch", "patch");
    grant(calls, App.class, "/status", "patch");
    Set<Class<? extends HasMetadata>> nonSsa =
        new BaseConfigurationService().defaultNonSSAResources();
    for (Dependent dependent : AppReconciler.class.getAnnotation(Workflow.class).dependents()) {
      KubernetesDependentResource<?, ?> resource =
          (KubernetesDependentResource<?, ?>)
              dependent.type().getDeclaredConstructor().newInstance();
      Class<? extends HasMetadata> type = resource.resourceType();
      // Each dependent's informer, or the shared one of prepareEventSources: list and watch.
      grant(calls, type, "", "list", "watch");
      // Server-side apply is a PATCH, which also needs create when the object is new; JOSDK's
      // non-SSA kinds (ConfigMap) are created and updated instead.
      boolean ssa = useSsa(dependent.type()).orElse(!nonSsa.contains(type));
      grant(
          calls,
          type,
          "",
          ssa ? new String[] {"create", "patch"} : new String[] {"create", "update"});
      // A precondition that stops holding makes JOSDK delete the object.
      if (dependent.reconcilePrecondition() != Condition.class) {
        grant(calls, type, "", "delete");
      }
    }
    // ReplicaHandover sets the count through the scale subresource under autoscaling: it GETs
    // the subresource and PUTs it back, never the Deployment itself.
    grant(calls, Deployment.class, "/scale", "get", "update");
    // AppEvents creates core/v1 Events on the App.
    grant(calls, Event.class, "", "create");
    return calls;
  }

  private static Optional<Boolean> useSsa(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      KubernetesDependent annotation = c.getAnnotation(KubernetesDependent.class);
      if (annotation != null && annotation.useSSA() != BooleanWithUndefined.UNDEFINED) {
        return Optional.of(annotation.useSSA() == BooleanWithUndefined.TRUE);
      }
    }
    return Optional.empty();
  }

  private static Set<Grant> granted(List<PolicyRule> rules) {
    Set<Grant> grants = new TreeSet<>();
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            grants.add(new Grant(group, resource, verb));
          }
        }
      }
    }
    return grants;
  }

  @Test
  void clusterRoleGrantsExactlyWhatTheOperatorCalls() throws Exception {
    ClusterRole role = RenderedChart.render("").one(ClusterRole.class);
    assertThat(granted(role.getRules())).containsExactlyElementsOf(operatorCalls());
  }

  @Test
  void eachWatchedNamespaceGrantsExactlyWhatTheOperatorCalls() throws Exception {
    List<Role> roles =
        RenderedChart.render("watchNamespaces: [shop, blog]\n").all(Role.class).stream()
            .filter(r -> !r.getMetadata().getName().endsWith("-leader-election"))
            .toList();
    assertThat(roles).hasSize(2);
    for (Role role : roles) {
      assertThat(granted(role.getRules()))
          .as(role.getMetadata().getNamespace())
          .containsExactlyElementsOf(operatorCalls());
    }
  }

  @Test
  void leaseRoleGrantsWhatFabric8sLeaseLockCalls() {
    Role lease = RenderedChart.render("").one(Role.class);
    assertThat(lease.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
    // fabric8 7.5's LeaseLock reads the Lease, creates it when missing and renews it with a
    // PATCH: on a real API server the renewal was refused (403) with get/create/update only, and
    // the leader exited after its renew deadline (e2e LeaderElectionIT). JOSDK's start-up check
    // (LeaderElectionManager.checkLeaseAccess) requires update as well.
    assertThat(granted(lease.getRules()))
        .containsExactly(
            new Grant("coordination.k8s.io", "leases", "create"),
            new Grant("coordination.k8s.io", "leases", "get"),
            new Grant("coordination.k8s.io", "leases", "patch"),
            new Grant("coordination.k8s.io", "leases", "update"));
  }
}
