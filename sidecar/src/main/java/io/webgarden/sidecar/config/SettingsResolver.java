package io.webgarden.sidecar.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes an application's settings from its layers, lowest first: defaults, web.config chain,
 * iisnode.yml (the file named by configOverrides), the {@code --settings} file, the environment.
 *
 * <p>The two sidecar-wide layers are read once, at start, so a mistake in them stops the sidecar
 * with a clear message; the per-application layers are read when an application starts, so a
 * mistake there only affects that application.
 */
public final class SettingsResolver {
  private static final String ENV_PREFIX = "IISNODE_";

  private final List<RawSetting> overrideFile;
  private final List<RawSetting> environment;
  private final String sidecarNodeEnv;

  private SettingsResolver(
      List<RawSetting> overrideFile, List<RawSetting> environment, String sidecarNodeEnv) {
    this.overrideFile = List.copyOf(overrideFile);
    this.environment = List.copyOf(environment);
    this.sidecarNodeEnv = sidecarNodeEnv;
  }

  /**
   * @param settingsFile the {@code --settings} file, if any
   * @param processEnvironment the sidecar's environment (IISNODE_* and NODE_ENV are read)
   * @throws ConfigException when either sidecar-wide layer holds a bad value
   */
  public static SettingsResolver create(
      Optional<Path> settingsFile, Map<String, String> processEnvironment) throws ConfigException {
    List<RawSetting> fileSettings =
        settingsFile.isPresent() ? KeyValueFile.read(settingsFile.get()) : List.of();
    List<RawSetting> envSettings = new ArrayList<>();
    processEnvironment.forEach(
        (name, value) -> {
          if (name.startsWith(ENV_PREFIX)
              && Setting.byKey(name.substring(ENV_PREFIX.length())).isPresent()) {
            envSettings.add(new RawSetting(name.substring(ENV_PREFIX.length()), value, name, 0));
          }
        });
    SettingsResolver resolver =
        new SettingsResolver(
            fileSettings, envSettings, processEnvironment.getOrDefault("NODE_ENV", ""));
    resolver.resolve(List.of(), Optional.empty());
    return resolver;
  }

  /** Keys of the {@code --settings} file that name no setting: worth a warning at start. */
  public List<RawSetting> unknownOverrideKeys() {
    return overrideFile.stream().filter(raw -> Setting.byKey(raw.key()).isEmpty()).toList();
  }

  /**
   * @param webConfigAttributes the merged {@code iisnode} attributes of the web.config chain
   * @param appFolder the folder of the application's script, where iisnode.yml is looked for
   */
  public Settings resolve(List<RawSetting> webConfigAttributes, Optional<Path> appFolder)
      throws ConfigException {
    Settings.Builder builder = Settings.builder();
    Set<Setting> explicit = EnumSet.noneOf(Setting.class);
    for (RawSetting raw : webConfigAttributes) {
      Setting setting =
          Setting.byKey(raw.key())
              .filter(s -> !"debugPortRange".equals(raw.key()))
              .orElseThrow(
                  () ->
                      new ConfigException(
                          raw.source(),
                          raw.line(),
                          "unknown iisnode attribute `"
                              + raw.key()
                              + "`; did you mean `"
                              + Setting.nearest(raw.key())
                              + "`? See docs/configuration.md for the settings"
                              + " webgarden knows (names are case-sensitive)"));
      apply(builder, explicit, setting, raw);
    }
    List<String> warnings = new ArrayList<>();
    if (appFolder.isPresent()) {
      String overridesName = builder.build().string(Setting.CONFIG_OVERRIDES);
      Path overrides = appFolder.get().resolve(overridesName);
      if (!overridesName.isBlank() && Files.isRegularFile(overrides)) {
        try {
          List<RawSetting> lines = KeyValueFile.read(overrides);
          applyKnown(builder, explicit, lines);
          for (RawSetting raw : lines) {
            if (Setting.byKey(raw.key()).isEmpty()) {
              warnings.add(unknownKey(raw));
            }
          }
        } catch (ConfigException e) {
          throw inIisnodeWords(overridesName, e);
        }
      }
    }
    applyKnown(builder, explicit, overrideFile);
    applyKnown(builder, explicit, environment);
    builder.warnings(warnings);
    return applyProductionDefaults(builder, explicit);
  }

  /** The warning for a key that names no setting, with the setting it was probably meant to be. */
  public static String unknownKey(RawSetting raw) {
    return raw.source()
        + (raw.line() > 0 ? ":" + raw.line() : "")
        + ": unknown setting `"
        + raw.key()
        + "` ignored; did you mean `"
        + Setting.nearest(raw.key())
        + "`? (names are"
        + " case-sensitive; see docs/configuration.md)";
  }

  /**
   * Adds iisnode's own wording to a mistake in iisnode.yml, so that searches and runbooks written
   * for iisnode's error page still match, beside webgarden's more precise message.
   */
  private static ConfigException inIisnodeWords(String fileName, ConfigException e) {
    return new ConfigException(
        e.source(),
        e.line(),
        e.problem()
            + " (iisnode: \"iisnode was"
            + " unable to read the configuration file "
            + fileName
            + "\": "
            + e.source()
            + (e.line() > 0 ? ", line " + e.line() : "")
            + ": "
            + e.problem()
            + ")");
  }

  private static void applyKnown(
      Settings.Builder builder, Set<Setting> explicit, List<RawSetting> layer)
      throws ConfigException {
    for (RawSetting raw : layer) {
      Optional<Setting> setting = Setting.byKey(raw.key());
      if (setting.isPresent()) {
        apply(builder, explicit, setting.get(), raw);
      }
    }
  }

  private static void apply(
      Settings.Builder builder, Set<Setting> explicit, Setting setting, RawSetting raw)
      throws ConfigException {
    try {
      builder.set(setting, SettingValues.parse(setting, raw.value()));
      explicit.add(setting);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(raw.source(), raw.line(), e.getMessage());
    }
  }

  /** iisnode's rule: production hides error details and never debugs unless told otherwise. */
  private Settings applyProductionDefaults(Settings.Builder builder, Set<Setting> explicit) {
    Settings layered = builder.build();
    String nodeEnv = layered.string(Setting.NODE_ENV);
    if (nodeEnv.isEmpty()) {
      nodeEnv = sidecarNodeEnv;
      builder.set(Setting.NODE_ENV, nodeEnv);
    }
    if ("production".equals(nodeEnv)) {
      if (!explicit.contains(Setting.DEV_ERRORS_ENABLED)) {
        builder.set(Setting.DEV_ERRORS_ENABLED, false);
      }
      builder.set(Setting.DEBUGGING_ENABLED, false);
    }
    return builder.build();
  }
}
