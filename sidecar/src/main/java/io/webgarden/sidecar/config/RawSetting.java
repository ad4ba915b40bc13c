package io.webgarden.sidecar.config;

/**
 * One setting as written in some source, before validation.
 *
 * @param key the name as written
 * @param value the text as written
 * @param source file path or variable name, for error messages
 * @param line line in {@code source}, 0 when it has none
 */
public record RawSetting(String key, String value, String source, int line) {}
