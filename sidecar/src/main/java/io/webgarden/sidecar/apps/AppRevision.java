package io.webgarden.sidecar.apps;

import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.host.OutputListener;
import io.webgarden.sidecar.host.ProcessMode;
import io.webgarden.sidecar.host.WarmupPage;
import java.util.List;
import java.util.Map;

/**
 * One version of an application's configuration: what its processes are started with. A recycle
 * that re-reads the configuration makes a new revision; the processes of the old one drain.
 *
 * @param number increases by one per revision, for logs
 * @param settings the effective settings
 * @param environment the processes' environment, without PORT
 * @param warmupPages pages each new process must answer before it takes traffic
 * @param output where the processes' output goes
 * @param mode normal processes, or the single debug process of a debugging session
 */
public record AppRevision(
    int number,
    Settings settings,
    Map<String, String> environment,
    List<WarmupPage> warmupPages,
    OutputListener.Factory output,
    ProcessMode mode) {

  public AppRevision {
    environment = Map.copyOf(environment);
    warmupPages = List.copyOf(warmupPages);
  }

  /** How many processes the garden has in this revision. */
  public int processCount() {
    if (mode.debug()) {
      return 1;
    }
    int configured = settings.integer(Setting.NODE_PROCESS_COUNT_PER_APPLICATION);
    return configured == 0 ? Runtime.getRuntime().availableProcessors() : configured;
  }
}
