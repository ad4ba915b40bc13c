package io.webgarden.operator.reconciler;

import io.webgarden.operator.model.Slot;

/** Service {@code <app>}. */
public class ProductionServiceDependent extends SlotServiceDependent {
  public ProductionServiceDependent() {
    super(Slot.production);
  }
}
