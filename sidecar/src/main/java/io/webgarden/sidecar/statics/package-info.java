/**
 * Static content: the sidecar's counterpart of IIS's StaticFileModule.
 *
 * <p>Everything under the site folder that is not a node application, a configuration file or a
 * hidden segment is served from here, side by side with the node apps, so a folder moved off IIS
 * behaves as it did. The {@code site} package decides <em>which</em> file a URL names and whether
 * it may be served at all (traversal, dot-files, {@code web.config}); this package only decides
 * <em>how</em> to send it, through {@link io.webgarden.sidecar.statics.StaticFileResponder}.
 *
 * <p>What a response looks like, and why:
 *
 * <ul>
 *   <li><b>Content-Type</b> comes from the site's {@code staticContent/mimeMap} (IIS's default map,
 *       see {@link io.webgarden.sidecar.site.StaticContent}), without a {@code charset} parameter,
 *       as IIS sends it: pages moved off IIS already declare their encoding in a BOM or a {@code
 *       <meta charset>}, and a charset we guessed could contradict it. An extension the map lacks
 *       is answered 404 ({@code mime-type-not-mapped}), IIS's 404.3. Log files, which belong to no
 *       site configuration, use Vert.x's {@code MimeMapping} with {@code application/octet-stream}
 *       as the fallback.
 *   <li><b>Caching headers</b> come from {@code staticContent/clientCache} ({@link
 *       io.webgarden.sidecar.statics.ServeOptions}), on 200, 206 and 304 alike.
 *   <li><b>Validators</b>: a strong ETag built from the modification time in milliseconds and the
 *       size (nginx's recipe at finer resolution; IIS uses the file time plus a change counter),
 *       and Last-Modified. If-Match, If-Unmodified-Since (412), If-None-Match and If-Modified-Since
 *       (304, no body) are evaluated in RFC 9110's order.
 *   <li><b>Ranges</b>: one {@code bytes} range in any of its three forms gives 206 with
 *       Content-Range; a range starting past the end gives 416 with {@code Content-Range: bytes
 *       *}/length. Several ranges at once are answered with the whole file and 200, which RFC 9110
 *       allows (IIS would send multipart/byteranges). If-Range is honoured. HEAD never takes a
 *       range.
 *   <li><b>Date</b> is on every response, errors included, from the {@link java.time.Clock} the
 *       responder was given: RFC 9110 asks it of an origin server with a clock, and IIS and nginx
 *       send it.
 *   <li><b>Methods</b>: GET and HEAD; anything else is 405 with {@code Allow: GET, HEAD}.
 *   <li><b>Errors</b> the sidecar makes here (404 when the file vanished after resolution, 403,
 *       405, 412, 416, 500) carry a {@code webgarden-error} header naming the cause, so they are
 *       never mistaken for an application's answer.
 * </ul>
 *
 * <p>{@link io.webgarden.sidecar.statics.DirectoryListing} writes IIS's folder listing when {@code
 * directoryBrowse} is enabled. This package may import the site model's records, Vert.x and the
 * errors package.
 *
 * <p>Nothing here blocks the event loop for long: the stat is {@code FileSystem.props}, run on a
 * worker, and the body goes out with {@code sendFile}, which opens the file and hands the kernel a
 * file region (zero-copy on plain HTTP/1.x). The open itself happens on the event loop, one
 * syscall, as it does in Vert.x's own StaticHandler. No file is ever read into the heap, so a 30
 * MiB download costs the sidecar no more memory than a 30-byte one.
 */
package io.webgarden.sidecar.statics;
