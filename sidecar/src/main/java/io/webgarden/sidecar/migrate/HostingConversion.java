package io.webgarden.sidecar.migrate;

import io.webgarden.sidecar.config.ConfigException;
import io.webgarden.sidecar.config.KeyValueFile;
import io.webgarden.sidecar.config.RawSetting;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.config.SettingsResolver;
import io.webgarden.sidecar.site.Located;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code spec.hosting} for one application: its web.config chain's {@code iisnode} attributes,
 * overridden by its iisnode.yml (the file configOverrides names), validated and typed by the
 * sidecar's own rules. Values equal to the default are left out, as are the settings Linux ignores;
 * those, unknown names and invalid values become notices.
 */
final class HostingConversion {
  /** Accepted by the sidecar for compatibility but without effect on Linux. */
  static final Set<Setting> IGNORED_ON_LINUX =
      EnumSet.of(
          Setting.INTERCEPTOR,
          Setting.ASYNC_COMPLETION_THREAD_COUNT,
          Setting.DEBUGGER_EXTENSION_DLL,
          Setting.IDLE_PAGE_OUT_TIME_PERIOD,
          Setting.INITIAL_REQUEST_BUFFER_SIZE,
          Setting.MAX_NAMED_PIPE_CONNECTION_RETRY);

  private final Path root;
  private final List<String> notices;
  private final SettingsResolver typing;

  HostingConversion(Path root, List<String> notices) {
    this.root = root;
    this.notices = notices;
    try {
      // No settings file and no environment: only the site's own layers are typed.
      this.typing = SettingsResolver.create(Optional.empty(), Map.of());
    } catch (ConfigException e) {
      throw new IllegalStateException("the settings defaults do not resolve", e);
    }
  }

  /**
   * @param attributes the merged {@code iisnode} attributes of the application folder's chain
   * @param appFolder the application's folder, where iisnode.yml is looked for
   * @throws ConversionException when iisnode.yml has a line that is not {@code key: value}
   */
  List<HostingValue> convert(Map<String, Located> attributes, Path appFolder)
      throws ConversionException {
    Map<Setting, RawSetting> written = new EnumMap<>(Setting.class);
    attributes.forEach(
        (key, located) -> {
          String where = relative(located.file()) + ":" + located.line();
          Optional<Setting> setting = Setting.byKey(key).filter(s -> !"debugPortRange".equals(key));
          if (setting.isEmpty()) {
            notices.add(
                where
                    + ": unknown iisnode attribute `"
                    + key
                    + "` not converted (names are"
                    + " case-sensitive; see docs/configuration.md)");
          } else {
            written.put(setting.get(), raw(setting.get(), located.value(), where));
          }
        });
    for (RawSetting raw : overrides(appFolder, written.get(Setting.CONFIG_OVERRIDES))) {
      String where = raw.source() + ":" + raw.line();
      Optional<Setting> setting = Setting.byKey(raw.key());
      if (setting.isEmpty()) {
        notices.add(
            where
                + ": unknown key `"
                + raw.key()
                + "` not converted (names are"
                + " case-sensitive; see docs/configuration.md)");
      } else {
        written.put(setting.get(), raw(setting.get(), raw.value(), where));
      }
    }
    List<HostingValue> hosting = new ArrayList<>();
    for (RawSetting raw : written.values()) {
      typed(raw).ifPresent(hosting::add);
    }
    return hosting;
  }

  /** The iisnode.yml lines, or none when the file is absent. */
  private List<RawSetting> overrides(Path appFolder, RawSetting configOverrides)
      throws ConversionException {
    String name =
        configOverrides == null
            ? Setting.CONFIG_OVERRIDES.defaultValue()
            : configOverrides.value().strip();
    Path file = appFolder.resolve(name);
    if (name.isEmpty() || !Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      List<RawSetting> lines = new ArrayList<>();
      for (RawSetting raw : KeyValueFile.read(file)) {
        lines.add(new RawSetting(raw.key(), raw.value(), relative(file), raw.line()));
      }
      return lines;
    } catch (ConfigException e) {
      throw new ConversionException(e.getMessage());
    }
  }

  private Optional<HostingValue> typed(RawSetting raw) {
    Setting setting = Setting.byKey(raw.key()).orElseThrow();
    if (IGNORED_ON_LINUX.contains(setting)) {
      notices.add(
          raw.source()
              + ": "
              + setting.key()
              + " is not supported on Linux and was left"
              + " out; the settings table says: "
              + setting.meaning());
      return Optional.empty();
    }
    Object value;
    try {
      value = value(typing.resolve(List.of(raw), Optional.empty()), setting);
    } catch (ConfigException e) {
      notices.add(raw.source() + ": " + e.problem() + "; left out, fix it in spec.hosting");
      return Optional.empty();
    }
    if (value.equals(value(Settings.defaults(), setting))) {
      return Optional.empty(); // the default: nothing to say
    }
    return Optional.of(new HostingValue(setting, value, raw.source()));
  }

  private static Object value(Settings settings, Setting setting) {
    return switch (setting.type()) {
      case BOOL -> settings.bool(setting);
      case INT -> settings.integer(setting);
      case STRING, ENUM -> settings.string(setting);
    };
  }

  /** The canonical key (iisnode.yml's debugPortRange becomes debuggerPortRange). */
  private static RawSetting raw(Setting setting, String value, String where) {
    return new RawSetting(setting.key(), value, where, 0);
  }

  private String relative(Path file) {
    return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }
}
