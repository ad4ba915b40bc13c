package io.webgarden.e2e.operator;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads JOSDK's per-resource Micrometer metrics from the operator's /metrics text. */
final class Metrics {
  private static final Pattern RECONCILED =
      Pattern.compile("operator_sdk_reconciliations_success_total\\{([^}]*)\\} ([0-9.E]+)");

  private Metrics() {}

  /** Names of the Apps in {@code namespace} with at least one successful reconcile. */
  static Set<String> reconciledApps(String metrics, String namespace) {
    Matcher m = RECONCILED.matcher(metrics);
    Set<String> names = new TreeSet<>();
    while (m.find()) {
      String labels = m.group(1);
      if (labels.contains("namespace=\"" + namespace + "\"")
          && Double.parseDouble(m.group(2)) > 0) {
        names.add(label(labels, "name"));
      }
    }
    return names.stream().collect(Collectors.toUnmodifiableSet());
  }

  private static String label(String labels, String name) {
    Matcher m = Pattern.compile("(?:^|,)" + name + "=\"([^\"]*)\"").matcher(labels);
    return m.find() ? m.group(1) : "";
  }
}
