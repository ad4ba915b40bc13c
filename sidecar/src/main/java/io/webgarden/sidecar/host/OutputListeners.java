package io.webgarden.sidecar.host;

import io.webgarden.sidecar.config.Settings;
import java.nio.file.Path;

/** Chooses where an application's process output goes, given its settings. */
public interface OutputListeners {
  /**
   * @param application the application's name
   * @param folder the application's folder (its script's folder)
   * @param settings the revision's settings (logging settings live there)
   */
  OutputListener.Factory forApplication(String application, Path folder, Settings settings);
}
