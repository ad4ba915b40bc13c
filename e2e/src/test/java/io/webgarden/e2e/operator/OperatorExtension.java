package io.webgarden.e2e.operator;

import io.webgarden.e2e.cluster.ClusterExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the {@link OperatorFixture}: the chart's CRD and RBAC installed once per run on the
 * {@link ClusterExtension}'s cluster, and one operator process watching all namespaces while a test
 * class runs. After the class every process it started is stopped, passed or failed (other packages
 * run operators of their own in the same JVM).
 */
final class OperatorExtension implements ParameterResolver, AfterAllCallback {
  private static final Namespace NAMESPACE = Namespace.create(OperatorExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == OperatorFixture.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    var cluster = ClusterExtension.cluster(context);
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            OperatorFixture.class, key -> OperatorFixture.start(cluster), OperatorFixture.class)
        .running();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    OperatorFixture fixture =
        context.getRoot().getStore(NAMESPACE).get(OperatorFixture.class, OperatorFixture.class);
    if (fixture != null) {
      fixture.stopAll();
    }
  }
}
