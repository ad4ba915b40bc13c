/**
 * The operator's review fixes that depend on what only a real API server does: CEL rules on the
 * App's name at apply time, server-side apply field ownership of {@code spec.replicas} against a
 * real HorizontalPodAutoscaler, and conditions that settle with the real Deployment controller. The
 * operator runs as its shaded jar in a separate process, as a user runs it, against the cluster of
 * {@code io.webgarden.e2e.cluster}. May import that package and fabric8; not the operator's
 * classes, which are not on this module's classpath.
 */
package io.webgarden.e2e.operatorfixes;
