/**
 * The web garden: applications as pools of node processes.
 *
 * <p>{@link io.webgarden.sidecar.host.ApplicationManager} finds or demand-starts the {@link
 * io.webgarden.sidecar.host.Application} for a script. An application owns its {@link
 * io.webgarden.sidecar.host.NodeProcess}es, a FIFO pending queue and the admission rule:
 * round-robin over ready processes below maxConcurrentRequestsPerProcess, else queue, else 503.
 * With nodeProcessStickySessions a request carrying a pin ({@link
 * io.webgarden.sidecar.host.StickyRouting}) goes to the pinned process while it can take it. After
 * a demand start the queue waits until the garden is up ({@link
 * io.webgarden.sidecar.host.DemandStart}), so that the first requests meet every process. Admission
 * hands out a {@link io.webgarden.sidecar.host.Lease}; releasing it frees the slot and lets the
 * oldest waiter in. Processes listen on unix sockets handed to them in PORT.
 *
 * <p>Application state is guarded by the application's own lock: requests arrive on every event
 * loop, and the critical sections are a few field updates, cheaper than hopping threads. Waiters
 * are always completed on their own request's context.
 */
package io.webgarden.sidecar.host;
