/**
 * The Helm chart ({@code charts/webgarden-operator}), checked with helm itself (helm-java's bundled
 * library, offline): lint, rendering for the value combinations users set parsed back into fabric8
 * objects, the values schema, and RBAC against the API calls the operator's own code makes. May
 * import the operator's reconciler and runtime classes (to derive those calls), JOSDK's
 * annotations, fabric8's model, helm-java and SnakeYAML.
 */
package io.webgarden.operator.chart;
