package io.webgarden.sidecar.migrate;

import io.webgarden.sidecar.site.SiteConfig;
import io.webgarden.sidecar.site.SiteResolver;
import io.webgarden.sidecar.site.WebConfig;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts an iisnode site folder into an App manifest: the entry point from the handler mappings,
 * spec.hosting from the {@code iisnode} attributes and iisnode.yml, spec.appSettings from {@code
 * appSettings}, and the rest of the site-root web.config as spec.webConfig. Reads the site with the
 * sidecar's own parsers, so it sees the site exactly as {@code serve} would.
 */
public final class SiteConverter {
  /** What spec.hosting and spec.appSettings carry, cut out of spec.webConfig. */
  static final Set<String> MOVED_SECTIONS =
      Set.of("configuration/appSettings", "configuration/system.webServer/iisnode");

  private static final Pattern ENCODING =
      Pattern.compile("\\A(<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"'])([^\"']*)([\"'])");

  public Conversion convert(Path siteDir, ConvertOptions options) throws ConversionException {
    Path root = siteDir.toAbsolutePath().normalize();
    List<String> notices = new ArrayList<>();
    SiteWebConfigs webConfigs = SiteWebConfigs.read(root);
    SiteResolver resolver = new SiteResolver(root);
    List<Path> applications;
    try {
      applications = resolver.applications();
    } catch (IOException e) {
      throw new ConversionException("cannot read the site folder " + root + ": " + e.getMessage());
    }
    String entryPoint = EntryPoints.choose(root, applications, options.entryPoint(), notices);
    Path appFolder = root.resolve(entryPoint).getParent();
    SiteConfig appConfig = resolver.configs().forFolder(appFolder);
    String name =
        options.name().isPresent()
            ? AppNames.check(options.name().get())
            : AppNames.fromFolder(root.getFileName() == null ? "" : root.getFileName().toString());

    List<HostingValue> hosting =
        new HostingConversion(root, notices).convert(appConfig.iisnodeAttributes(), appFolder);
    Map<String, String> appSettings = appSettings(appConfig.appSettings(), notices);
    Optional<String> webConfig = webConfig(webConfigs.root(), notices);
    webConfigs.report(EntryPoints.relative(root, appFolder), notices);
    String placeholder = "replace-me.invalid/" + name + "-site:latest";
    if (options.image().isEmpty()) {
      notices.add(
          "spec.source.image.ref is a placeholder ("
              + placeholder
              + "): build an image"
              + " holding the site in /app, or pass --image <ref>");
    }
    AppManifest app =
        new AppManifest(
            name, entryPoint, options.image(), placeholder, hosting, appSettings, webConfig);
    return new Conversion(ManifestYaml.render(app), notices);
  }

  private static Map<String, String> appSettings(
      Map<String, String> settings, List<String> notices) {
    Map<String, String> kept = new LinkedHashMap<>();
    settings.forEach(
        (key, value) -> {
          if (key.contains("=") || key.chars().anyMatch(Character::isISOControl)) {
            notices.add(
                "appSettings key `"
                    + key
                    + "` left out: an environment variable name cannot"
                    + " hold '=' or control characters");
          } else {
            kept.put(key, value);
          }
        });
    if (kept.containsKey("WEBSITE_NODE_DEFAULT_VERSION")) {
      notices.add(
          "appSettings WEBSITE_NODE_DEFAULT_VERSION chose Azure's Node.js version;"
              + " on webgarden the host image (spec.runtime.image) does");
    }
    if (!kept.isEmpty()) {
      notices.add(
          "spec.appSettings holds "
              + kept.size()
              + " value(s) as plain text: move"
              + " secrets (connection strings, keys) to a Secret and use valueFrom.secretKeyRef");
    }
    return kept;
  }

  /**
   * The root web.config without its iisnode and appSettings sections, line breaks as {@code \n};
   * empty when the root has none (the operator then renders its own).
   */
  private static Optional<String> webConfig(WebConfig rootFile, List<String> notices)
      throws ConversionException {
    if (rootFile == null) {
      notices.add(
          "the site root has no web.config: spec.webConfig is left out and the operator"
              + " renders one that rewrites every URL that is not a file to the entry point");
      return Optional.empty();
    }
    String text;
    try {
      text = decode(Files.readAllBytes(rootFile.file()));
    } catch (IOException e) {
      throw new ConversionException(rootFile.file() + ": cannot be read (" + e + ")");
    }
    Matcher declared = ENCODING.matcher(text);
    if (declared.find() && !declared.group(2).equalsIgnoreCase("utf-8")) {
      notices.add(
          "web.config: declared encoding "
              + declared.group(2)
              + " changed to utf-8,"
              + " which is how spec.webConfig is stored");
      text = declared.replaceFirst("$1utf-8$3");
    }
    text = text.replace("\r\n", "\n").replace('\r', '\n');
    return Optional.of(WebConfigSections.remove(text, MOVED_SECTIONS));
  }

  /** UTF-8 unless a byte order mark says otherwise; the mark itself is dropped. */
  private static String decode(byte[] bytes) {
    Charset charset = StandardCharsets.UTF_8;
    int skip = 0;
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xef
        && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf) {
      skip = 3;
    } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) {
      charset = StandardCharsets.UTF_16BE;
      skip = 2;
    } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
      charset = StandardCharsets.UTF_16LE;
      skip = 2;
    }
    return new String(bytes, skip, bytes.length - skip, charset);
  }
}
