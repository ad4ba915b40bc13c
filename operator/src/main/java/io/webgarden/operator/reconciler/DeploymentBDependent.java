package io.webgarden.operator.reconciler;

import io.webgarden.operator.model.Instance;

/** Deployment {@code <app>-b}. */
public class DeploymentBDependent extends InstanceDeploymentDependent {
  public DeploymentBDependent() {
    super(Instance.b);
  }
}
