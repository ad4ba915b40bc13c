package io.webgarden.sidecar.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident memory, read from /proc (Linux). */
final class ResidentMemory {
  private ResidentMemory() {}

  /** Bytes resident, or 0 when unknown (no /proc, process gone). Blocking. */
  static long of(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).strip().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // gone or unreadable
    }
    return 0;
  }
}
