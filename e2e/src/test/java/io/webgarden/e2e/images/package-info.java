/**
 * The container images, proven by running them: the tarballs Jib wrote at {@code package} ({@code
 * e2e/target/images/}) are imported into a private containerd and run on runc the way a kubelet
 * runs them (read-only root, the image's user, emptyDir-like mounts). Imports only the JDK, JUnit,
 * AssertJ, Awaitility and SnakeYAML; needs root, containerd and runc, else skips with the reason
 * (fails under CI=true).
 */
package io.webgarden.e2e.images;
