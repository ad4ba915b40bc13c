/**
 * What changes a running application: auto-update on file changes ({@link
 * io.webgarden.sidecar.lifecycle.FileWatcher}: inotify through WatchService with a polling
 * fallback, both reduced to one fingerprint comparison so ConfigMap {@code ..data} swaps and
 * git-sync folder swaps are seen like any edit), and the recycle policies of IIS 6's worker
 * processes ({@link io.webgarden.sidecar.lifecycle.ProcessPolicies}: age, request count, memory,
 * times of day, health pings, idle timeout). {@link io.webgarden.sidecar.lifecycle.Lifecycle} ties
 * them to each application and performs the recycles through the host.
 */
package io.webgarden.sidecar.lifecycle;
