/**
 * The operator on the real control plane of {@code io.webgarden.e2e.cluster}: its shaded jar runs
 * as a separate process ({@link io.webgarden.e2e.operator.OperatorProcess}), as a user runs it,
 * with server-side apply on. Most classes share one operator installed as the chart installs it
 * (ServiceAccount, RBAC, leader election: {@link io.webgarden.e2e.operator.OperatorExtension});
 * classes about what only a real API server does (CEL rules at apply time, field ownership of
 * {@code spec.replicas} against a real HorizontalPodAutoscaler, conditions that settle with the
 * real Deployment controller) run one of their own in one namespace. May import that package and
 * fabric8; not the operator's classes, which are not on this module's classpath.
 */
package io.webgarden.e2e.operator;
