/**
 * End-to-end tests: the built jars run as separate processes, as a user runs them, against the
 * repository's own examples. They need {@code mvn package} to have produced the jars, which the
 * reactor guarantees by building the sidecar module first.
 */
package io.webgarden.e2e;
