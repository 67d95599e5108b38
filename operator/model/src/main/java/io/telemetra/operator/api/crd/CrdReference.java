package io.telemetra.operator.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * docs/crd-reference.md, made from the generated CRD: one table row per field with its type,
 * default, constraints and the description the model's annotations gave it.
 */
public final class CrdReference {

  /** Where the reference lives in the repository. */
  public static final String DOC = "docs/crd-reference.md";

  private CrdReference() {}

  /** The reference for {@code crd}, the CRD file {@code crdFileName} under crds/ parsed. */
  public static String markdown(JsonNode crd, String crdFileName) {
    JsonNode names = crd.at("/spec/names");
    StringBuilder md = new StringBuilder();
    md.append("# TelemetraPipeline reference\n\n")
        .append("<!-- Generated from crds/")
        .append(crdFileName)
        .append(" by the operator model's build (CrdReference); do not edit. Regenerate: ")
        .append(UpdateCommittedCrd.COMMAND)
        .append(" -->\n\n");
    for (JsonNode version : crd.at("/spec/versions")) {
      md.append("`")
          .append(crd.at("/spec/group").asText())
          .append("/")
          .append(version.path("name").asText())
          .append("`, kind `")
          .append(names.path("kind").asText())
          .append("`, ")
          .append(crd.at("/spec/scope").asText().toLowerCase())
          .append(", short name");
      for (JsonNode shortName : names.path("shortNames")) {
        md.append(" `").append(shortName.asText()).append("`");
      }
      md.append(". Status is a subresource")
          .append(version.at("/subresources/status").isMissingNode() ? " (not enabled)" : "")
          .append(".\n\n");
      md.append("`kubectl get tp` shows:");
      for (JsonNode column : version.path("additionalPrinterColumns")) {
        md.append(" ").append(column.path("name").asText());
        if (column.path("priority").asInt() > 0) {
          md.append(" (with `-o wide`)");
        }
      }
      md.append(".\n\n");
      md.append(
              "Validation beyond types: fields marked *immutable* or with rules are checked by the")
          .append(" API server (CEL); a rejected apply names the rule's message.\n");
      JsonNode schema = version.at("/schema/openAPIV3Schema/properties");
      for (String top : new String[] {"spec", "status"}) {
        if (schema.has(top)) {
          md.append("\n## ").append(top).append("\n\n");
          md.append("| field | type | default | constraints | description |\n");
          md.append("|---|---|---|---|---|\n");
          rows(md, top, schema.get(top));
        }
      }
    }
    return md.toString();
  }

  private static void rows(StringBuilder md, String path, JsonNode node) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.path("properties").fields();
    Set<String> requiredHere = new HashSet<>();
    node.path("required").forEach(r -> requiredHere.add(r.asText()));
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String fieldPath = path + "." + field.getKey();
      JsonNode schema = field.getValue();
      md.append("| `")
          .append(fieldPath)
          .append("`")
          .append(requiredHere.contains(field.getKey()) ? " **required**" : "")
          .append(" | ")
          .append(type(schema))
          .append(" | ")
          .append(schema.has("default") ? "`" + schema.get("default").asText() + "`" : "")
          .append(" | ")
          .append(constraints(schema))
          .append(" | ")
          .append(cell(schema.path("description").asText("")))
          .append(" |\n");
      JsonNode items = schema.path("items");
      boolean expand = !fieldPath.contains(".template.");
      if (schema.has("properties") && (expand || documented(schema))) {
        rows(md, fieldPath, schema);
      } else if (items.has("properties") && (expand || documented(items))) {
        rows(md, fieldPath + "[]", items);
      }
    }
  }

  /**
   * Whether an object's fields are Telemetra's and described here; Kubernetes' own types
   * (resources, tolerations, volumes, containers, ...) carry no descriptions and are documented
   * upstream.
   */
  private static boolean documented(JsonNode object) {
    for (JsonNode field : object.path("properties")) {
      if (field.has("description")) {
        return true;
      }
    }
    return false;
  }

  private static String type(JsonNode schema) {
    String type = schema.path("type").asText("");
    if (type.equals("array")) {
      return "array of " + type(schema.path("items"));
    }
    if (type.equals("object") && schema.has("additionalProperties")) {
      JsonNode values = schema.get("additionalProperties");
      return "map of "
          + (values.path("x-kubernetes-int-or-string").asBoolean() ? "quantity" : type(values));
    }
    return type.isEmpty() ? "any" : type;
  }

  private static String constraints(JsonNode schema) {
    StringBuilder c = new StringBuilder();
    if (schema.has("enum")) {
      StringBuilder values = new StringBuilder();
      schema
          .get("enum")
          .forEach(v -> values.append(values.length() == 0 ? "" : ", ").append(v.asText()));
      append(c, "one of " + values);
    }
    if (schema.has("minimum")) {
      append(c, "≥ " + number(schema.get("minimum")));
    }
    if (schema.has("maximum")) {
      append(c, "≤ " + number(schema.get("maximum")));
    }
    if (schema.has("pattern")) {
      append(c, "pattern `" + schema.get("pattern").asText() + "`");
    }
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      append(c, "rule: " + rule.path("message").asText(rule.path("rule").asText()));
    }
    return cell(c.toString());
  }

  private static String number(JsonNode n) {
    double d = n.asDouble();
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static void append(StringBuilder c, String text) {
    c.append(c.length() == 0 ? "" : "; ").append(text);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ").strip();
  }
}
