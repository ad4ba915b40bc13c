package io.webgarden.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Writes the App CRD, run by the build (exec-maven-plugin, before the tests) into the directory
 * given as the only argument; {@link CrdDriftTest} then compares it with crds/. It is fabric8's
 * generator, as its Maven plugin runs it, plus one post-processing step the plugin cannot be given:
 * the generator sorts printer columns by JSON path, so they are put back in the order {@link App}
 * declares them, which is the order kubectl shows.
 */
public final class CrdGeneration {
  private CrdGeneration() {}

  public static void main(String[] args) throws IOException {
    File out = Files.createDirectories(Path.of(args[0])).toFile();
    int written =
        new CRDGenerator()
            .customResourceClasses(List.of(App.class))
            .withParallelGenerationEnabled(false)
            .withImplicitPreserveUnknownFields(false)
            .withMinQuotes(false)
            .withPostProcessor(new DeclaredColumnOrder())
            .inOutputDir(out)
            .generate();
    if (written != 1) {
      throw new IllegalStateException("expected one CRD, the generator wrote " + written);
    }
  }

  /** Printer columns in the order of App's annotations (the generator sorts them by path). */
  private static final class DeclaredColumnOrder implements CRDPostProcessor {
    @Override
    public HasMetadata process(HasMetadata crd, String specVersion) {
      List<String> declared =
          Arrays.stream(App.class.getAnnotationsByType(AdditionalPrinterColumn.class))
              .map(AdditionalPrinterColumn::name)
              .toList();
      ((CustomResourceDefinition) crd)
          .getSpec()
          .getVersions()
          .forEach(
              version ->
                  version
                      .getAdditionalPrinterColumns()
                      .sort(
                          Comparator.comparingInt(
                              (CustomResourceColumnDefinition c) ->
                                  declared.indexOf(c.getName()))));
      return crd;
    }
  }
}
