/**
 * The operator jar's command line: {@code run} starts the operator in a pod (configuration from
 * flags or environment variables, so the Helm chart only sets env), {@code swap} is the kubectl
 * user's way to exchange slots without editing YAML. Both are thin: {@code run} assembles what
 * {@code runtime} provides, {@code swap} calls {@code swap.SourceSwap}.
 */
package io.webgarden.operator.cli;
