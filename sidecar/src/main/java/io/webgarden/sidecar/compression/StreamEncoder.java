package io.webgarden.sidecar.compression;

import com.aayushatharva.brotli4j.encoder.BrotliOutputStream;
import com.aayushatharva.brotli4j.encoder.Encoder;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * Compresses one response body as it streams: each chunk in, its compressed bytes out at once
 * (gzip's sync flush, brotli's flush), so a client sees every piece node sent when node sent it,
 * and nothing is held beyond the encoder's own window. One response, one thread; not reusable. The
 * encoders hold native memory: {@link #finish} or {@link #abandon} frees it.
 */
public final class StreamEncoder {
  private final Sink sink = new Sink();
  private final OutputStream encoder;
  private boolean done;

  StreamEncoder(ContentCoding coding, HttpCompression settings) {
    try {
      encoder = open(sink, coding, settings, 16 * 1024, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a " + coding.token() + " encoder", e);
    }
  }

  /**
   * An encoder writing to {@code out}, at the settings' level.
   *
   * @param syncFlush whether {@code flush()} makes all that was written so far decodable (gzip;
   *     brotli's flush always does)
   */
  static OutputStream open(
      OutputStream out,
      ContentCoding coding,
      HttpCompression settings,
      int bufferSize,
      boolean syncFlush)
      throws IOException {
    if (coding == ContentCoding.BROTLI) {
      return new BrotliOutputStream(
          out, new Encoder.Parameters().setQuality(settings.brotliQuality()), bufferSize);
    }
    int level = settings.gzipLevel();
    return new GZIPOutputStream(out, bufferSize, syncFlush) {
      {
        def.setLevel(level);
      }
    };
  }

  /** The compressed form of {@code chunk}, flushed: everything it holds can be decoded now. */
  public Buffer encode(Buffer chunk) {
    try {
      encoder.write(chunk.getBytes());
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("compressing a response failed", e);
    }
    return sink.take();
  }

  /** The end of the compressed stream (gzip's trailer, brotli's last block); once. */
  public Buffer finish() {
    if (done) {
      return Buffer.buffer();
    }
    done = true;
    try {
      encoder.close();
    } catch (IOException e) {
      throw new UncheckedIOException("compressing a response failed", e);
    }
    return sink.take();
  }

  /** The response broke off: frees the encoder; its output is dropped. */
  public void abandon() {
    if (!done) {
      done = true;
      try {
        encoder.close();
      } catch (IOException | RuntimeException ignored) {
        // nothing will read it
      }
    }
  }

  /** Collects what the encoder writes until the next take. */
  private static final class Sink extends ByteArrayOutputStream {
    Sink() {
      super(16 * 1024);
    }

    Buffer take() {
      Buffer out = Buffer.buffer(count);
      out.appendBytes(buf, 0, count);
      reset();
      return out;
    }
  }
}
