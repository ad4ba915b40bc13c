/**
 * The web garden: applications as pools of node processes.
 *
 * <p>The face other packages use: {@link io.webgarden.sidecar.host.ApplicationManager} finds or
 * demand-starts the {@link io.webgarden.sidecar.host.Application} for a script; the proxy sees an
 * application only as an {@link io.webgarden.sidecar.host.Admission}, which hands out a {@link
 * io.webgarden.sidecar.host.Lease} (a process's address and pid, and release), and never a {@link
 * io.webgarden.sidecar.host.NodeProcess}.
 *
 * <p>Where a request waits: {@link io.webgarden.sidecar.host.AdmissionQueue}, iisnode's pending
 * queue. The admission rule: a ready process below maxConcurrentRequestsPerProcess (round-robin, or
 * the pinned one under nodeProcessStickySessions, see {@link
 * io.webgarden.sidecar.host.StickyRouting}), else the back of the queue, else 503. After a demand
 * start the queue waits until the garden is up ({@link io.webgarden.sidecar.host.DemandStart}), so
 * that the first requests meet every process. Releasing a lease frees the slot and lets the oldest
 * waiter in. Processes listen on unix sockets handed to them in PORT.
 *
 * <p>An application's other parts, each with one job: {@link io.webgarden.sidecar.host.ProcessPool}
 * (its processes; starting more), {@link io.webgarden.sidecar.host.RevisionSwitch} (which revision
 * serves; the overlapped recycle), {@link io.webgarden.sidecar.host.Retirement} (drain, orphan,
 * kill) and {@link io.webgarden.sidecar.host.CrashPolicy} (restart back-off, rapid-fail
 * protection). {@link io.webgarden.sidecar.host.Application} owns the application's state and wires
 * them.
 *
 * <p>Application state is guarded by the application's own monitor, which its parts (the queue, the
 * crash policy) share rather than each having a lock: requests arrive on every event loop, and the
 * critical sections are a few field updates, cheaper than hopping threads. Waiters are always
 * completed on their own request's context.
 */
package io.webgarden.sidecar.host;
