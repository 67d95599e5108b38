package io.telemetra.operator.api.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Writes the TelemetraPipeline CRD; the build runs it right after compiling this module (the
 * process-classes phase). fabric8's generator, plus what it cannot do: {@code kubectl get} shows
 * the printer columns in the order they are declared on {@link TelemetraPipeline} (fabric8 sorts
 * them by JSON path, which put AGE second), and {@code kubectl explain} describes the kind, its
 * spec and its status.
 */
public final class GenerateCrd {

  private GenerateCrd() {}

  static final String KIND_DESCRIPTION =
      "A live-stream analytics pipeline: Kafka topics, a Postgres schema, a Spark Structured"
          + " Streaming job (a Kubeflow SparkApplication), the REST/WebSocket API with its"
          + " dashboard, and an optional demo producer, reconciled by the Telemetra operator"
          + " (docs/operator.md).";

  static final String SPEC_DESCRIPTION =
      "The desired pipeline. kafka.topicPrefix is immutable and kafka.partitions can only grow;"
          + " a change to the streaming job resubmits it and it resumes from its checkpoint;"
          + " suspend stops the workloads and keeps the data.";

  static final String STATUS_DESCRIPTION =
      "What the operator observed, written by the operator only: phase, conditions (Ready, one"
          + " per part, and what the streaming job recorded) and each part's details.";

  /** {@code args[0]}: the directory the CRD file goes to. */
  public static void main(String[] args) throws IOException {
    File dir = Files.createDirectories(Path.of(args[0])).toFile();
    int written =
        new CRDGenerator()
            .inOutputDir(dir)
            .forCRDVersions("v1")
            .customResourceClasses(TelemetraPipeline.class)
            .withPostProcessor(new Finish(TelemetraPipeline.class))
            .generate();
    if (written != 1) {
      throw new IllegalStateException("expected one CRD, generated " + written);
    }
  }

  /**
   * Sorts each version's printer columns into the order of the class's annotations and describes
   * the kind, spec and status.
   */
  static final class Finish implements CRDPostProcessor {

    private final List<String> names;

    Finish(Class<?> resource) {
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
        JSONSchemaProps schema = version.getSchema().getOpenAPIV3Schema();
        schema.setDescription(KIND_DESCRIPTION);
        schema.getProperties().get("spec").setDescription(SPEC_DESCRIPTION);
        schema.getProperties().get("status").setDescription(STATUS_DESCRIPTION);
      }
      return crd;
    }
  }
}
