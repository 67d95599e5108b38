package io.telemetra.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The openAPIV3Schema of the committed TelemetraPipeline CRD as a JSON schema validator, made
 * strict like {@code kubectl apply --validate=strict}: unknown fields are errors, not pruned. CEL
 * rules (x-kubernetes-validations) are not evaluated here; the API server tier checks them.
 */
final class CrdSchema {

  static final Path CRD = RepoPaths.resolve("crds/telemetrapipelines.telemetra.io-v1.yml");

  private final JsonSchema schema;

  private CrdSchema(JsonSchema schema) {
    this.schema = schema;
  }

  static CrdSchema load() throws IOException {
    JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(CRD.toFile());
    JsonNode openApi = crd.at("/spec/versions/0/schema/openAPIV3Schema").deepCopy();
    if (openApi.isMissingNode()) {
      throw new IllegalStateException(CRD + " has no spec.versions[0].schema.openAPIV3Schema");
    }
    // The root lists only spec and status; apiVersion, kind and metadata are the API server's.
    openApi.path("properties").forEach(CrdSchema::rejectUnknownFields);
    return new CrdSchema(
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(openApi));
  }

  Set<ValidationMessage> validate(JsonNode resource) {
    return schema.validate(resource);
  }

  private static void rejectUnknownFields(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      if (object.has("properties")
          && !object.has("additionalProperties")
          && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        object.put("additionalProperties", false);
      }
    }
    node.forEach(CrdSchema::rejectUnknownFields);
  }
}
