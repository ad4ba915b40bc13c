/**
 * Streams a request to the node process its application admitted it to, and the response back.
 *
 * <p>Bodies are never buffered whole: both directions are piped with back-pressure. The one
 * exception is deliberate and bounded: an idempotent request whose body fits maxRequestBufferSize
 * is read first, so that if its process dies before answering it can be replayed once on another
 * process (nginx's proxy_next_upstream). WebSocket and other upgrades become two piped sockets.
 *
 * <p>{@code Exchange} is one request's retry loop; {@code RequestBody} decides its body once
 * (empty, replayable, streamed), {@code ResponseRelay} relays the answer, and every failure is
 * answered through the errors package's one mapping ({@code ProxyFailure} for the proxy's own).
 *
 * <p>A {@link io.webgarden.sidecar.proxy.ResponseCopy} may watch a response as it is relayed (the
 * output cache keeps small cacheable ones); it sees the same chunks the client gets and never holds
 * the relay up.
 *
 * <p>Requests go to node over Netty channels of our own ({@code NodeChannels}, {@code
 * NodeConnection}) on the client connection's event loop, decoded by Netty's HTTP/1.1 codec;
 * upgrades go through vertx-core's HttpClient. Not vertx-http-proxy: the proxy needs
 * per-application admission with a queue, a retry on another process and the sidecar's own error
 * pages, none of which fit the library's origin selector, and the library stops at Vert.x 5.0.
 * docs/design-notes.md says more, and why {@code Exchange} uses Vert.x's ContextInternal.
 *
 * <p>A response may be compressed on its way (urlCompression/@doDynamicCompression): the
 * compression package decides and encodes, chunk by chunk.
 *
 * <p>May import Vert.x, Netty, and the sidecar's config, errors, compression and host packages.
 */
package io.webgarden.sidecar.proxy;
