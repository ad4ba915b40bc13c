package io.webgarden.sidecar.lifecycle;

import io.webgarden.sidecar.apps.AppDefinition;
import io.webgarden.sidecar.config.ConfigException;
import java.nio.file.Path;

/** Reads an application's definition from the site's files as they are now. */
@FunctionalInterface
public interface DefinitionSource {
  AppDefinition load(String name, Path script) throws ConfigException;
}
