/**
 * The {@code App} custom resource ({@code webgarden.io/v1alpha1}) as Java classes.
 *
 * <p>These classes are the source of the CRD: fabric8's CRD generator (run by the build through the
 * test class {@code CrdGeneration}, which keeps the printer columns in declared order) turns them,
 * with their descriptions, bounds and CEL rules, into {@code crds/apps.webgarden.io-v1.yml} at
 * build time, and {@code CrdDriftTest} fails when the committed file differs. Fields are public and
 * nullable because "unset" means something: an unset hosting field is not written to the settings
 * file, so the site's own web.config keeps its say. Nothing here talks to a cluster; the package
 * imports nothing of ours and not JOSDK (the build's import control checks it).
 */
package io.webgarden.operator.api;
