package io.webgarden.operator.model;

/**
 * The two physical instances of an App. Slots (production, staging) are roles; instances are
 * Deployments. A swap changes which instance plays which role, never the Deployments themselves.
 */
public enum Instance {
  a,
  b;

  public Instance other() {
    return this == a ? b : a;
  }

  /** Parses a label or status value; anything unknown means the default instance {@code a}. */
  public static Instance parse(String value) {
    return "b".equals(value) ? b : a;
  }
}
