package io.webgarden.operator.reconciler;

import io.webgarden.operator.model.Slot;

/** Service {@code <app>-staging}. */
public class StagingServiceDependent extends SlotServiceDependent {
  public StagingServiceDependent() {
    super(Slot.staging);
  }
}
