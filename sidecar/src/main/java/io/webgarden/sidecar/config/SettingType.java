package io.webgarden.sidecar.config;

/** The value types a setting can have; each knows how to read its text form. */
public enum SettingType {
  BOOL("bool"),
  INT("int"),
  STRING("string"),
  ENUM("enum");

  private final String docName;

  SettingType(String docName) {
    this.docName = docName;
  }

  /** The name used in docs/configuration.md (and read back by the operator's schema check). */
  public String docName() {
    return docName;
  }
}
