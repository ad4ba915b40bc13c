package io.webgarden.sidecar.config;

/** The debuggerPortRange setting, parsed: {@code low-high}, both within 1..65535. */
public record PortRange(int low, int high) {
  /**
   * @throws IllegalArgumentException saying what a valid range looks like
   */
  public static PortRange parse(String value) {
    String[] parts = value.strip().split("-");
    try {
      if (parts.length == 2) {
        int low = Integer.parseInt(parts[0].strip());
        int high = Integer.parseInt(parts[1].strip());
        if (low >= 1 && high <= 65535 && low <= high) {
          return new PortRange(low, high);
        }
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        "debuggerPortRange must be `low-high` with"
            + " 1 <= low <= high <= 65535, e.g. 5058-6058, not `"
            + value
            + "`");
  }
}
