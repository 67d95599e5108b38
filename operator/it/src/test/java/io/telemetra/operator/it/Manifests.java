package io.telemetra.operator.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.Map;

/** TelemetraPipeline manifests for tests: a valid base, and YAML merge patches (RFC 7386) on it. */
public final class Manifests {

  /** A valid pipeline with only the required fields, named "pipeline". */
  public static final String VALID =
      """
      apiVersion: telemetra.io/v1alpha1
      kind: TelemetraPipeline
      metadata:
        name: pipeline
      spec:
        kafka:
          bootstrapServers: kafka-0.kafka:9092
        postgres:
          host: postgres.db.svc
          credentialsSecretRef:
            name: telemetra-postgres
        streaming:
          image: ghcr.io/telemetra/streaming:0.1.0
          checkpointLocation: s3a://checkpoints/pipeline
        api:
          image: ghcr.io/telemetra/api:0.1.0
          authTokenSecretRef:
            name: telemetra-api
            key: token
      """;

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Manifests() {}

  /** Parses YAML into a generic resource. */
  public static GenericKubernetesResource parse(String yaml) {
    return YAML.convertValue(tree(yaml), GenericKubernetesResource.class);
  }

  /**
   * The valid base with a merge patch applied: maps merge, {@code null} removes, others replace.
   */
  public static GenericKubernetesResource validWith(String yamlMergePatch) {
    Map<String, Object> merged = tree(VALID);
    merge(merged, tree(yamlMergePatch));
    return YAML.convertValue(merged, GenericKubernetesResource.class);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tree(String yaml) {
    try {
      Map<String, Object> tree = YAML.readValue(yaml, LinkedHashMap.class);
      return tree == null ? new LinkedHashMap<>() : tree;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not YAML: " + yaml, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> target, Map<String, Object> patch) {
    patch.forEach(
        (key, value) -> {
          if (value == null) {
            target.remove(key);
          } else if (value instanceof Map && target.get(key) instanceof Map) {
            merge((Map<String, Object>) target.get(key), (Map<String, Object>) value);
          } else {
            target.put(key, value);
          }
        });
  }
}
