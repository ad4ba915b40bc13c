package io.webgarden.sidecar.site;

import io.webgarden.sidecar.site.CollectionEdit.Add;
import io.webgarden.sidecar.site.CollectionEdit.Clear;
import io.webgarden.sidecar.site.CollectionEdit.Remove;
import io.webgarden.sidecar.site.OutputCaching.Policy;
import io.webgarden.sidecar.site.OutputCaching.Profile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.xml.sax.SAXParseException;

/**
 * What one web.config's {@code system.webServer/caching} says, before merging (null: not written),
 * and the reader that collects it.
 */
public record OutputCachingSection(
    Boolean enabled,
    Boolean enableKernelCache,
    Long maxResponseSize,
    List<CollectionEdit<Profile>> profiles) {

  static final OutputCachingSection NONE = new OutputCachingSection(null, null, null, List.of());

  public OutputCachingSection {
    profiles = List.copyOf(profiles);
  }

  /** Collects {@code caching} of one file. */
  static final class Reader {
    private Boolean enabled;
    private Boolean enableKernelCache;
    private Long maxResponseSize;
    private final List<CollectionEdit<Profile>> profiles = new ArrayList<>();
    private boolean used;

    void element(String below, XmlAttributes element) throws SAXParseException {
      used = true;
      switch (below) {
        case "" -> {
          if (element.get("enabled") != null) {
            enabled = element.bool("enabled", true);
          }
          if (element.get("enableKernelCache") != null) {
            enableKernelCache = element.bool("enableKernelCache", true);
          }
          if (element.get("maxResponseSize") != null) {
            maxResponseSize = element.number("maxResponseSize", 0, 0, 4_294_967_295L);
          }
        }
        case "/profiles/add" -> profiles.add(new Add<>(extension(element), profile(element)));
        case "/profiles/remove" -> profiles.add(new Remove<>(extension(element)));
        case "/profiles/clear" -> profiles.add(new Clear<>());
        default -> {
          // nothing else below caching
        }
      }
    }

    OutputCachingSection build() {
      return used
          ? new OutputCachingSection(enabled, enableKernelCache, maxResponseSize, profiles)
          : NONE;
    }

    private static Profile profile(XmlAttributes element) throws SAXParseException {
      return new Profile(
          extension(element),
          policy(element, "policy"),
          policy(element, "kernelCachePolicy"),
          StaticContentReader.timeSpan(element, "duration", element.get("duration", "00:00:30")),
          list(element.get("varyByQueryString", "")),
          list(element.get("varyByHeaders", "")));
    }

    private static Policy policy(XmlAttributes element, String name) throws SAXParseException {
      String value = element.get(name, "DontCache").trim();
      for (Policy policy : Policy.values()) {
        if (policy.name().replace("_", "").equalsIgnoreCase(value)) {
          return policy;
        }
      }
      throw element.invalid(
          name
              + "=\""
              + value
              + "\": write DontCache, CacheUntilChange,"
              + " CacheForTimePeriod or DisableCache");
    }

    private static String extension(XmlAttributes element) throws SAXParseException {
      String extension = element.required("extension").trim().toLowerCase(Locale.ROOT);
      if (!extension.equals("*") && !extension.startsWith(".")) {
        throw element.invalid(
            "extension=\""
                + extension
                + "\": write an extension with"
                + " its dot, e.g. \".js\", or \"*\"");
      }
      return extension;
    }

    private static List<String> list(String value) {
      return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
  }
}
