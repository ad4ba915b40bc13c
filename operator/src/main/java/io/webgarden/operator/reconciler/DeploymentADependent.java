package io.webgarden.operator.reconciler;

import io.webgarden.operator.model.Instance;

/** Deployment {@code <app>-a}. */
public class DeploymentADependent extends InstanceDeploymentDependent {
  public DeploymentADependent() {
    super(Instance.a);
  }
}
