package io.webgarden.operator.model;

/** The names of the objects an App owns; one place so dependents and tests agree. */
public final class Names {
  private Names() {}

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
