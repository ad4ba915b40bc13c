/**
 * Streams a request to the node process its application admitted it to, and the response back.
 *
 * <p>Bodies are never buffered whole: both directions are piped with back-pressure. The one
 * exception is deliberate and bounded: an idempotent request whose body fits maxRequestBufferSize
 * is read first, so that if its process dies before answering it can be replayed once on another
 * process (nginx's proxy_next_upstream). WebSocket and other upgrades become two piped sockets.
 *
 * <p>We use vertx-core's HttpClient directly rather than vertx-http-proxy: the proxy needs
 * per-application admission with a queue, a retry on another process and the sidecar's own error
 * pages, none of which fit the library's origin selector, and the library stops at Vert.x 5.0.
 * docs/design-notes.md says more.
 */
package io.webgarden.sidecar.proxy;
