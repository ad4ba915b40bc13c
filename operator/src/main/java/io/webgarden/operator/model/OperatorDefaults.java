package io.webgarden.operator.model;

/**
 * What the operator's configuration supplies to every App.
 *
 * @param runtimeImage host image used when {@code spec.runtime.image} is unset; may be null
 * @param gitSyncImage image of the git-sync containers for git sources
 */
public record OperatorDefaults(String runtimeImage, String gitSyncImage) {
  public static final String DEFAULT_GIT_SYNC_IMAGE = "registry.k8s.io/git-sync/git-sync:v4.4.0";
}
