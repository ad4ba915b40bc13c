package io.webgarden.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.webgarden.operator.api.App;
import io.webgarden.operator.api.AppStatus;
import io.webgarden.operator.api.SlotStatus;
import io.webgarden.operator.model.Conditions;
import io.webgarden.operator.model.SlotPlan;
import java.util.Objects;

/** Turns a status change into Events: every swap, scale change and error, once each. */
final class Announcements {
  private Announcements() {}

  static void changes(
      App app, AppEvents events, AppStatus previous, AppStatus next, SlotPlan plan) {
    if (plan.swapped()) {
      events.normal(
          app,
          "Swapped",
          "production moved from instance "
              + plan.previousProduction()
              + " to "
              + plan.production()
              + " (revision "
              + next.production.revision
              + ")");
    }
    scaled(app, events, "production", previous.production, next.production);
    scaled(app, events, "staging", previous.staging, next.staging);
    if (flippedTo(previous, next, Conditions.PROGRESSING, "SwapPending")) {
      events.normal(
          app,
          "SwapPending",
          Conditions.find(next.conditions, Conditions.PROGRESSING).getMessage());
    }
  }

  static void degraded(App app, AppEvents events, AppStatus previous, AppStatus next) {
    Condition degraded = Conditions.find(next.conditions, Conditions.DEGRADED);
    if (flippedTo(previous, next, Conditions.DEGRADED, degraded.getReason())) {
      events.warning(app, degraded.getReason(), degraded.getMessage());
    }
  }

  private static void scaled(
      App app, AppEvents events, String slot, SlotStatus before, SlotStatus after) {
    if (before != null && after != null && !Objects.equals(before.replicas, after.replicas)) {
      events.normal(
          app,
          "Scaled",
          slot + " scaled from " + before.replicas + " to " + after.replicas + " replicas");
    }
  }

  /** True when the condition now has this reason (or message) and did not before. */
  private static boolean flippedTo(AppStatus previous, AppStatus next, String type, String reason) {
    Condition before = Conditions.find(previous.conditions, type);
    Condition after = Conditions.find(next.conditions, type);
    return after != null
        && reason.equals(after.getReason())
        && (before == null
            || !reason.equals(before.getReason())
            || !Objects.equals(before.getMessage(), after.getMessage()));
  }
}
