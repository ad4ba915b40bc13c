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
 * kill), {@link io.webgarden.sidecar.host.CrashResponse} (what a crash does; its rule is {@link
 * io.webgarden.sidecar.host.CrashPolicy}) and {@link io.webgarden.sidecar.host.AppLife} (the
 * application's states). {@link io.webgarden.sidecar.host.Application} answers the processes'
 * callbacks and wires them.
 *
 * <p>The threading rule. An application's state is guarded by the application's own monitor, which
 * its parts share rather than each having a lock: requests arrive on every event loop, and the
 * critical sections are a few field updates, cheaper than hopping threads. Its timers and the
 * processes' callbacks take that monitor; nothing under it blocks (spawning a process, running
 * orphanCommand and waiting for exits run on worker threads) or opens a socket (a process's control
 * pipe listens in its {@link io.webgarden.sidecar.host.NodeProcess.Setup}, on a later turn of its
 * context, and the process is spawned once the pipe listens; the one exception, a free loopback
 * port found without native transport, is in docs/design-notes.md). Waiters are always completed on
 * their own request's context. Waits are promises, not polling: a stop completes when the last
 * request is released or the last waiter leaves, and {@code Application.settledRevision()} when a
 * recycle has switched over or was abandoned. Time comes from the {@link java.time.Clock} the
 * manager is given, so tests of idle timeouts and crash windows move a clock instead of sleeping.
 */
package io.webgarden.sidecar.host;
