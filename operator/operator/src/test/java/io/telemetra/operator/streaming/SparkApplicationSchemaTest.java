package io.telemetra.operator.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.telemetra.operator.TestingPipelines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SparkApplication we send fits the upstream Kubeflow CRD (v1beta2): every field exists, has
 * the right type and enum value, and the required fields are set.
 */
class SparkApplicationSchemaTest {

  static final Path UPSTREAM_CRD =
      Path.of(
          "../../../shared/third-party/spark-operator/sparkoperator.k8s.io_sparkapplications.yaml");

  @Test
  void desiredSparkApplicationConformsToTheUpstreamSchema() throws IOException {
    JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(UPSTREAM_CRD.toFile());
    JsonNode schema = null;
    for (JsonNode version : crd.at("/spec/versions")) {
      if ("v1beta2".equals(version.get("name").asText())) {
        schema = version.at("/schema/openAPIV3Schema/properties/spec");
      }
    }
    var app =
        new StreamingApplicationDependent()
            .desired(TestingPipelines.example("full.yaml", "ns1"), null);
    JsonNode sent = Serialization.jsonMapper().valueToTree(app.getSpec());
    List<String> violations = new ArrayList<>();

    check("spec", sent, schema, violations);

    assertThat(violations).isEmpty();
    for (JsonNode required : schema.get("required")) {
      assertThat(sent.has(required.asText())).as("required spec.%s", required.asText()).isTrue();
    }
  }

  private static void check(String path, JsonNode value, JsonNode schema, List<String> out) {
    if (schema == null) {
      out.add(path + " is not in the upstream schema");
      return;
    }
    if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
        && !schema.has("properties")) {
      return;
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "object" -> {
        if (!value.isObject()) {
          out.add(path + " should be an object");
          return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
          var field = it.next();
          JsonNode fieldSchema =
              schema.has("properties")
                  ? schema.get("properties").get(field.getKey())
                  : schema.get("additionalProperties");
          check(path + "." + field.getKey(), field.getValue(), fieldSchema, out);
        }
      }
      case "array" -> {
        if (!value.isArray()) {
          out.add(path + " should be an array");
          return;
        }
        for (int i = 0; i < value.size(); i++) {
          check(path + "[" + i + "]", value.get(i), schema.get("items"), out);
        }
      }
      case "string" -> {
        if (!value.isTextual()) out.add(path + " should be a string");
        if (schema.has("enum")) {
          boolean allowed = false;
          for (JsonNode e : schema.get("enum")) allowed |= e.asText().equals(value.asText());
          if (!allowed)
            out.add(path + "=" + value.asText() + " is not one of " + schema.get("enum"));
        }
      }
      case "integer" -> {
        if (!value.isIntegralNumber()) out.add(path + " should be an integer");
      }
      case "boolean" -> {
        if (!value.isBoolean()) out.add(path + " should be a boolean");
      }
      default -> {
        // int-or-string and untyped fields accept anything we send
      }
    }
  }
}
