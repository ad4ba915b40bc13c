/**
 * IIS's static and dynamic compression. Static: chooses a content coding (brotli or gzip) from
 * {@code Accept-Encoding}, decides from IIS's {@code httpCompression} defaults which files are
 * worth it ({@link io.webgarden.sidecar.compression.HttpCompression}), and keeps compressed copies
 * on disk within a size bound ({@link io.webgarden.sidecar.compression.CompressedFiles}), as IIS
 * keeps them in its "IIS Temporary Compressed Files" folder, so each is compressed once per change
 * and then sent with {@code sendFile}, zero-copy, like any static file.
 *
 * <p>Dynamic: {@link io.webgarden.sidecar.compression.DynamicCompression} decides from a node
 * response's head whether its body is compressed, and a {@link
 * io.webgarden.sidecar.compression.StreamEncoder} compresses it chunk by chunk as the proxy relays
 * it, flushing each, so streaming responses keep streaming.
 *
 * <p>Brotli comes from brotli4j (Google's reference encoder over JNI), gzip from the JDK. Nothing
 * is compressed on an event loop, and no body is held in memory: files stream through the encoder
 * to disk on a worker thread. May import Vert.x and the JDK only.
 */
package io.webgarden.sidecar.compression;
