package io.webgarden.operator.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.webgarden.operator.api.App;
import io.webgarden.operator.api.AppSpec;
import io.webgarden.operator.api.Source;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.xml.sax.InputSource;

/**
 * What the CRD schema cannot say. A spec failing these is reported as Degraded and nothing the App
 * owns is touched, so a bad edit never takes running pods down.
 */
public final class SpecChecks {
  private SpecChecks() {}

  /** Human-readable problems, empty when the spec can be reconciled. */
  public static List<String> problems(App app, OperatorDefaults defaults) {
    AppSpec spec = app.getSpec();
    List<String> problems = new ArrayList<>();
    if (spec == null || spec.source == null || spec.entryPoint == null) {
      problems.add("spec.entryPoint and spec.source are required");
      return problems;
    }
    problems.addAll(
        Names.problems(
            app.getMetadata().getName(), spec.slots != null && spec.slots.staging != null));
    if ((spec.runtime == null || spec.runtime.image == null) && defaults.runtimeImage() == null) {
      problems.add("spec.runtime.image is not set and the operator has no default runtime image");
    }
    if (List.of(spec.entryPoint.split("/")).contains("..")) {
      problems.add("spec.entryPoint must stay inside the site: '..' is not allowed");
    }
    checkSource("spec.source", spec.source, app, problems);
    if (spec.slots != null && spec.slots.staging != null) {
      checkSource("spec.slots.staging.source", spec.slots.staging.source, app, problems);
    }
    if (spec.webConfig != null) {
      checkWebConfig(spec, problems);
    }
    checkHostingLines(spec, problems);
    if (spec.autoscaling != null && !requestsCpu(spec)) {
      problems.add(
          "spec.autoscaling needs spec.resources.requests.cpu: the HorizontalPodAutoscaler"
              + " measures CPU utilisation as a share of the request; set one, e.g. resources:"
              + " {requests: {cpu: 250m}}");
    }
    return problems;
  }

  private static boolean requestsCpu(AppSpec spec) {
    return spec.resources != null
        && spec.resources.getRequests() != null
        && spec.resources.getRequests().containsKey("cpu");
  }

  private static void checkSource(String path, Source source, App app, List<String> problems) {
    if (source == null) {
      problems.add(path + " is required");
      return;
    }
    int kinds =
        (source.image != null ? 1 : 0)
            + (source.configMap != null ? 1 : 0)
            + (source.git != null ? 1 : 0);
    if (kinds != 1) {
      problems.add(path + " must set exactly one of image, configMap, git");
    }
    if (source.configMap != null
        && Names.configMap(app.getMetadata().getName()).equals(source.configMap.name)) {
      problems.add(path + ".configMap.name names the operator's own ConfigMap; rename it");
    }
  }

  private static void checkWebConfig(AppSpec spec, List<String> problems) {
    boolean git =
        spec.source.git != null
            || (spec.slots != null
                && spec.slots.staging != null
                && spec.slots.staging.source != null
                && spec.slots.staging.source.git != null);
    if (git) {
      problems.add("spec.webConfig cannot be used with a git source: commit web.config instead");
    }
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      // web.config is user input: no DTDs, no external entities.
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.newDocumentBuilder().parse(new InputSource(new StringReader(spec.webConfig)));
    } catch (Exception e) {
      problems.add("spec.webConfig is not well-formed XML: " + e.getMessage());
    }
  }

  /** The settings file is line-based: a line break in a value would inject another setting. */
  @SuppressWarnings("unchecked")
  private static void checkHostingLines(AppSpec spec, List<String> problems) {
    if (spec.hosting == null) {
      return;
    }
    Map<String, Object> set = new ObjectMapper().convertValue(spec.hosting, Map.class);
    set.forEach(
        (key, value) -> {
          if (value instanceof String s && (s.contains("\n") || s.contains("\r"))) {
            problems.add("spec.hosting." + key + " must be a single line");
          }
        });
  }
}
