package io.webgarden.operator.reconciler;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.webgarden.operator.api.App;
import io.webgarden.operator.api.AppStatus;
import io.webgarden.operator.api.SwapRecord;
import io.webgarden.operator.model.OperatorDefaults;
import io.webgarden.operator.model.SlotPlan;
import io.webgarden.operator.model.SlotPlanner;
import io.webgarden.operator.model.SlotPlanner.Wanted;
import io.webgarden.operator.model.SpecChecks;
import io.webgarden.operator.model.StatusModel;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides the slot plan, runs the dependents with it and writes status. The workflow is invoked
 * explicitly because every dependent needs the plan, which must be computed once, first.
 */
@ControllerConfiguration(name = "app")
@Workflow(
    explicitInvocation = true,
    dependents = {
      @Dependent(name = "config", type = ConfigMapDependent.class),
      @Dependent(
          name = "production-service",
          type = ProductionServiceDependent.class,
          useEventSourceWithName = AppReconciler.SERVICES),
      @Dependent(
          name = "staging-service",
          type = StagingServiceDependent.class,
          useEventSourceWithName = AppReconciler.SERVICES,
          reconcilePrecondition = Preconditions.HasStaging.class),
      // Services first: on a swap the selectors flip before the old production starts to roll.
      @Dependent(
          name = "deployment-a",
          type = DeploymentADependent.class,
          useEventSourceWithName = AppReconciler.DEPLOYMENTS,
          reconcilePrecondition = Preconditions.InstanceAWanted.class,
          dependsOn = {"config", "production-service"}),
      @Dependent(
          name = "deployment-b",
          type = DeploymentBDependent.class,
          useEventSourceWithName = AppReconciler.DEPLOYMENTS,
          reconcilePrecondition = Preconditions.InstanceBWanted.class,
          dependsOn = {"config", "production-service"}),
      @Dependent(
          name = "hpa",
          type = HpaDependent.class,
          reconcilePrecondition = Preconditions.Autoscaled.class),
      @Dependent(
          name = "pdb",
          type = PdbDependent.class,
          reconcilePrecondition = Preconditions.WantsPdb.class)
    })
public class AppReconciler implements Reconciler<App> {
  static final String DEPLOYMENTS = "deployments";
  static final String SERVICES = "services";

  private final OperatorDefaults defaults;
  private final RolloutGate rollouts;
  private final Clock clock;
  private final AtomicLong reconciles = new AtomicLong();

  /**
   * @param rolloutsPerMinute pod-template changes started per minute, all Apps; 0 unlimited
   */
  public AppReconciler(OperatorDefaults defaults, int rolloutsPerMinute, Clock clock) {
    this.defaults = defaults;
    this.rollouts = new RolloutGate(rolloutsPerMinute, clock);
    this.clock = clock;
  }

  /** Deployments and Services have two dependents each; they share one informer per type. */
  @Override
  public List<EventSource<?, App>> prepareEventSources(EventSourceContext<App> context) {
    return List.of(
        SharedInformers.of(Deployment.class, DEPLOYMENTS, context),
        SharedInformers.of(Service.class, SERVICES, context));
  }

  @Override
  public UpdateControl<App> reconcile(App app, Context<App> context) {
    try (AppMdc mdc = AppMdc.open(app, reconciles.incrementAndGet())) {
      AppEvents events = new AppEvents(context.getClient(), clock);
      AppStatus previous = app.getStatus() == null ? new AppStatus() : app.getStatus();
      List<String> problems = SpecChecks.problems(app, defaults);
      if (!problems.isEmpty()) {
        // Invalid: say so and touch nothing, so running pods keep serving.
        AppStatus next =
            StatusModel.degraded(
                previous,
                generation(app),
                StatusModel.INVALID_SPEC,
                String.join("; ", problems),
                clock.instant());
        Announcements.degraded(app, events, previous, next);
        return StatusChanges.write(app, next);
      }
      Observation observed = Observation.of(app, context);
      Wanted wanted = Wanted.of(app, defaults);
      SwapRecord recorded = observed.lastSwap() != null ? observed.lastSwap() : previous.lastSwap;
      SlotPlan plan =
          SlotPlanner.plan(
              wanted,
              observed.production(),
              observed.instances(),
              autoSwap(app),
              recorded == null ? null : recorded.stagingSource);
      if (plan.autoSwapDue()) {
        return AutoSwapStep.run(app, context.getClient(), events, wanted);
      }
      RolloutGate.Limited limited = rollouts.limit(plan, wanted, observed.instances());
      plan = limited.plan();
      // A flip records itself on the production Service in the same write (SwapMark).
      SwapRecord lastSwap =
          plan.swapped() ? StatusModel.swap(plan, wanted, clock.instant()) : observed.lastSwap();
      ReconcileInputs inputs =
          new ReconcileInputs(
              plan, defaults, observed.deployments(), observed.instances(), lastSwap);
      ReplicaHandover.run(app, inputs, context);
      inputs.attachTo(context);
      context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
      AppStatus next =
          StatusModel.reconciled(
              previous,
              generation(app),
              wanted,
              plan,
              observed.instances(),
              lastSwap,
              clock.instant());
      Announcements.changes(app, events, previous, next, plan);
      UpdateControl<App> control = StatusChanges.write(app, next);
      return limited.retry().map(control::rescheduleAfter).orElse(control);
    }
  }

  @Override
  public ErrorStatusUpdateControl<App> updateErrorStatus(
      App app, Context<App> context, Exception e) {
    try (AppMdc mdc = AppMdc.open(app, reconciles.incrementAndGet())) {
      AppStatus previous = app.getStatus() == null ? new AppStatus() : app.getStatus();
      AppStatus next =
          StatusModel.degraded(
              previous,
              generation(app),
              StatusModel.RECONCILE_ERROR,
              String.valueOf(e.getMessage()),
              clock.instant());
      Announcements.degraded(app, new AppEvents(context.getClient(), clock), previous, next);
      return next.equals(previous)
          ? ErrorStatusUpdateControl.defaultErrorProcessing()
          : ErrorStatusUpdateControl.patchStatus(StatusChanges.statusOnly(app, next));
    }
  }

  private static boolean autoSwap(App app) {
    return app.getSpec().slots != null && Boolean.TRUE.equals(app.getSpec().slots.autoSwap);
  }

  private static long generation(App app) {
    Long generation = app.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }
}
