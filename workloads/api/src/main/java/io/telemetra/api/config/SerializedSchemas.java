package io.telemetra.api.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Makes the component schemas say what Jackson really writes. Every property is always present
 * ({@code spring.jackson.default-property-inclusion=always} writes nulls too), so each is required.
 * A property annotated {@code nullable} may be null, which OpenAPI 3.1 spells as a {@code "null"}
 * type: swagger-core keeps the 3.0 flag in its model but leaves it out of a 3.1 document, so
 * without this a client would be told that a stream's {@code latest} window is never null.
 */
final class SerializedSchemas implements OpenApiCustomizer {

  @Override
  public void customise(OpenAPI openApi) {
    if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
      return;
    }
    boolean openApi31 = openApi.getOpenapi() != null && openApi.getOpenapi().startsWith("3.1");
    for (Schema<?> schema : openApi.getComponents().getSchemas().values()) {
      @SuppressWarnings("rawtypes")
      Map<String, Schema> properties = schema.getProperties();
      if (properties == null) {
        continue;
      }
      if (schema.getRequired() == null) {
        schema.setRequired(new ArrayList<>(properties.keySet()));
      }
      if (openApi31) {
        properties.replaceAll(
            (name, property) ->
                Boolean.TRUE.equals(property.getNullable()) ? orNull(property) : property);
      }
    }
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Schema orNull(Schema property) {
    if (property.get$ref() == null) {
      property.addType("null");
      if (property.getEnum() != null && !property.getEnum().contains(null)) {
        property.getEnum().add(null);
      }
      return property;
    }
    // A $ref cannot take a type of its own: either the referenced schema or null.
    return new JsonSchema()
        .anyOf(
            List.of(new JsonSchema().$ref(property.get$ref()), new JsonSchema().typesItem("null")))
        .description(property.getDescription());
  }
}
