package io.webgarden.operator.model;

import java.util.ArrayList;
import java.util.List;

/** The names of the objects an App owns; one place so dependents and tests agree. */
public final class Names {
  /** A Service name is a DNS-1035 label: what {@code <app>} and {@code <app>-staging} must be. */
  public static final String LABEL_PATTERN = "^[a-z]([-a-z0-9]*[a-z0-9])?$";

  public static final int MAX_LABEL = 63;

  /** Room left for {@code -staging}. */
  public static final int MAX_WITH_STAGING = MAX_LABEL - "-staging".length();

  private Names() {}

  /**
   * Why {@code app} cannot name the objects it owns, empty when it can. The CRD's CEL rules on
   * metadata.name say the same at apply time; this catches Apps stored before those rules.
   */
  public static List<String> problems(String app, boolean staging) {
    List<String> problems = new ArrayList<>();
    if (!app.matches(LABEL_PATTERN)) {
      problems.add(
          "metadata.name '"
              + app
              + "' must consist of lowercase letters, digits and '-',"
              + " start with a letter and end with a letter or digit: it names the App's Services;"
              + " recreate the App under such a name");
    }
    int max = staging ? MAX_WITH_STAGING : MAX_LABEL;
    if (app.length() > max) {
      problems.add(
          "metadata.name '"
              + app
              + "' must be at most "
              + (staging
                  ? MAX_WITH_STAGING
                      + " characters with a staging slot: Service "
                      + stagingService(app)
                      + " would have "
                      + stagingService(app).length()
                      + " of the 63 a Service name may have"
                  : MAX_LABEL + " characters: it names the App's Service"));
    }
    return problems;
  }

  public static String deployment(String app, Instance instance) {
    return app + "-" + instance.name();
  }

  public static String productionService(String app) {
    return app;
  }

  public static String stagingService(String app) {
    return app + "-staging";
  }

  public static String configMap(String app) {
    return app + "-webgarden";
  }

  public static String hpa(String app) {
    return app;
  }

  public static String pdb(String app) {
    return app;
  }
}
