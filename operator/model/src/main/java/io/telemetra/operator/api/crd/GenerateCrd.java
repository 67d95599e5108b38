package io.telemetra.operator.api.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import java.io.File;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Writes the TelemetraPipeline CRD; the build runs it right after compiling this module (the
 * process-classes phase). fabric8's generator, plus one thing it cannot do: {@code kubectl get}
 * shows the printer columns in the order they are declared on {@link TelemetraPipeline} (fabric8
 * sorts them by JSON path, which put AGE second).
 */
public final class GenerateCrd {

  private GenerateCrd() {}

  /** {@code args[0]}: the directory the CRD file goes to. */
  public static void main(String[] args) {
    int written =
        new CRDGenerator()
            .inOutputDir(new File(args[0]))
            .forCRDVersions("v1")
            .customResourceClasses(TelemetraPipeline.class)
            .withPostProcessor(new DeclaredColumnOrder(TelemetraPipeline.class))
            .generate();
    if (written != 1) {
      throw new IllegalStateException("expected one CRD, generated " + written);
    }
  }

  /** Sorts each version's printer columns into the order of the class's annotations. */
  static final class DeclaredColumnOrder implements CRDPostProcessor {

    private final List<String> names;

    DeclaredColumnOrder(Class<?> resource) {
      this.names =
          Arrays.stream(resource.getAnnotationsByType(AdditionalPrinterColumn.class))
              .map(AdditionalPrinterColumn::name)
              .toList();
    }

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
      for (CustomResourceDefinitionVersion version :
          ((CustomResourceDefinition) crd).getSpec().getVersions()) {
        List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
        if (columns != null) {
          columns.sort(Comparator.comparingInt(column -> names.indexOf(column.getName())));
        }
      }
      return crd;
    }
  }
}
