package io.webgarden.sidecar.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The byte stream of {@link LabApps#LAB}'s {@code /download}: xorshift32 from a fixed seed, low
 * byte of each step. Not periodic, so a lost, repeated or reordered piece changes the hash.
 */
final class PseudoRandomBytes extends InputStream {
  private final long total;
  private long produced;
  private int x = (int) 2463534242L;

  PseudoRandomBytes(long total) {
    this.total = total;
  }

  @Override
  public int read() {
    if (produced == total) {
      return -1;
    }
    produced++;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    if (produced == total) {
      return -1;
    }
    int count = (int) Math.min(length, total - produced);
    for (int i = 0; i < count; i++) {
      buffer[offset + i] = (byte) read();
    }
    return count;
  }

  /** Hex SHA-256 of the first {@code total} bytes of the stream. */
  static String sha256(long total) {
    try (InputStream in = new PseudoRandomBytes(total)) {
      return sha256(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(InputStream in) throws IOException {
    MessageDigest digest = digest();
    byte[] buffer = new byte[64 * 1024];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
