/**
 * Captured logs: what iisnode's users liked best, a node app's {@code console.log} one click away
 * in a browser, and, the Kubernetes way, the same lines on the sidecar's stdout for {@code kubectl
 * logs}.
 *
 * <p>The pieces, each with one job:
 *
 * <ul>
 *   <li>{@link io.webgarden.sidecar.logs.ConsoleMirror} writes the sidecar's stdout: every line a
 *       process prints, prefixed with app, pid and stream or as a JSON object ({@code logFormat}),
 *       and one access-log line per request. A whole line is one locked write, so lines from many
 *       processes never interleave.
 *   <li>{@link io.webgarden.sidecar.logs.LogCapture} is the host's {@code OutputListener.Factory}
 *       for one application. With {@code loggingEnabled} it writes each process's stdout and stderr
 *       to files named {@code <host>-<pid>-<stream>-<startMillis>[-<sequence>].txt}, as iisnode
 *       named them, in {@code <app folder>/<logDirectory>}, created on the first line. A file that
 *       would pass {@code maxLogFileSizeInKB} is closed and the stream continues in the next
 *       sequence number. Whenever {@code maxLogFiles} or {@code maxTotalLogFileSizeInKB} is
 *       exceeded, the least recently written files that no process is writing are deleted until
 *       both hold; since open files are bounded by the file size limit, the folder is too. An
 *       {@code index.html} beside them is rewritten on every create, rollover, delete and process
 *       exit.
 *   <li>When the app folder is read-only, as ConfigMap and image volumes are, the files go to
 *       {@code <logRoot>/webgarden-logs/<app name>-<hash>} instead (the system temp folder when
 *       {@code logRoot} is empty), and are served at the same URL.
 *   <li>{@link io.webgarden.sidecar.logs.LogServer} serves the folders over HTTP at the URLs
 *       iisnode used ({@code /<app folder>/<logDirectory>/}) and on the admin port, with a fresh
 *       index per request, log files as {@code text/plain; charset=utf-8} with ETag and Range, and
 *       the {@code logAccessToken} check (401 unless {@code Authorization: Bearer} or {@code
 *       ?token=} carries it).
 * </ul>
 *
 * <p>Threads: file writes happen on the host's pipe-reading threads (one per stream), where
 * blocking I/O is expected; each line is flushed at once so the file shows it while the app is
 * still running. HTTP requests do their listing and stat on Vert.x workers. Nothing here keeps
 * static mutable state: every capture, mirror and server is an object its owner creates.
 *
 * <p>Two things this package deliberately does not do: it does not read the settings table itself
 * beyond {@link io.webgarden.sidecar.logs.LogSettings#from}, and it does not decide which URL is an
 * application's log folder; the router computes that from the site (app folder URL plus {@code
 * logDirectory}) and registers it.
 */
package io.webgarden.sidecar.logs;
