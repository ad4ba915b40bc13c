package io.webgarden.e2e.operator;

import io.webgarden.e2e.cluster.ClusterExtension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the {@link OperatorFixture}: the chart's CRD and RBAC installed once per run on the
 * {@link ClusterExtension}'s cluster, and one operator process watching all namespaces.
 */
final class OperatorExtension implements ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(OperatorExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == OperatorFixture.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    var cluster = ClusterExtension.cluster(context);
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(OperatorFixture.class,
        key -> OperatorFixture.start(cluster), OperatorFixture.class).assertRunning();
  }
}
