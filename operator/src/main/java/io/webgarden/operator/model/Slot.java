package io.webgarden.operator.model;

/** The two roles an instance can play; lower case because they appear in labels and status. */
public enum Slot {
  production,
  staging
}
