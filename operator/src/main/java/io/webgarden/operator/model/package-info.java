/**
 * Pure functions from an App to the objects it should own, and from observations to status.
 *
 * <p>Everything the operator decides is decided here, where it can be unit-tested without a server:
 * the rendered settings file ({@link io.webgarden.operator.model.SettingsFile}), the pod template
 * and its revision hash ({@link io.webgarden.operator.model.PodTemplates}), each owned object
 * ({@link io.webgarden.operator.model.Workloads}), which instance is production and whether the
 * Services flip ({@link io.webgarden.operator.model.SlotPlanner}), what the schema cannot check
 * ({@link io.webgarden.operator.model.SpecChecks}) and the next status ({@link
 * io.webgarden.operator.model.StatusModel}). The package may use fabric8's model classes but
 * neither the fabric8 client nor JOSDK, and of ours only {@code api}; the build's import control
 * ({@code .checkstyle/import-control.xml}) enforces that, as Strimzi's does for its model packages.
 */
package io.webgarden.operator.model;
