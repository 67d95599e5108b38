package io.telemetra.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The objects the real Helm engine renders from charts/telemetra-operator for given values. */
final class RenderedChart {

  static final Path CHART = RepoPaths.resolve("charts/telemetra-operator");
  static final String RELEASE = "telemetra";
  static final String NAMESPACE = "telemetra-system";

  final List<JsonNode> objects;

  private RenderedChart(List<JsonNode> objects) {
    this.objects = objects;
  }

  /** Renders with the chart's defaults plus the given values YAML (may be empty). */
  static RenderedChart render(String valuesYaml) throws IOException {
    TemplateCommand template =
        new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
    if (!valuesYaml.isBlank()) {
      Path values = Files.createTempFile("values-", ".yaml");
      Files.writeString(values, valuesYaml);
      template = template.withValuesFile(values);
    }
    return new RenderedChart(parse(template.call()));
  }

  static List<JsonNode> parse(String multiDocumentYaml) throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> docs =
        new YAMLMapper().readerFor(JsonNode.class).readValues(multiDocumentYaml)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && !doc.isNull() && !doc.isEmpty()) {
          objects.add(doc);
        }
      }
    }
    return objects;
  }

  List<JsonNode> ofKind(String kind) {
    return objects.stream()
        .filter(o -> kind.equals(o.path("kind").asText()))
        .collect(Collectors.toList());
  }

  Optional<JsonNode> find(String kind, String name) {
    return ofKind(kind).stream()
        .filter(o -> name.equals(o.at("/metadata/name").asText()))
        .findFirst();
  }

  JsonNode deployment() {
    List<JsonNode> deployments = ofKind("Deployment");
    if (deployments.size() != 1) {
      throw new AssertionError("expected one Deployment, got " + deployments.size());
    }
    return deployments.get(0);
  }

  JsonNode operatorContainer() {
    return deployment().at("/spec/template/spec/containers/0");
  }

  /** The value of an env var of the operator container, or null when it is not set. */
  String env(String name) {
    for (JsonNode env : operatorContainer().path("env")) {
      if (name.equals(env.path("name").asText())) {
        return env.path("value").asText(null);
      }
    }
    return null;
  }

  /** Every rule of every Role and ClusterRole. */
  List<JsonNode> rules() {
    List<JsonNode> rules = new ArrayList<>();
    for (String kind : List.of("Role", "ClusterRole")) {
      for (JsonNode role : ofKind(kind)) {
        role.path("rules").forEach(rules::add);
      }
    }
    return rules;
  }
}
