package io.telemetra.operator.pipeline;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import java.util.LinkedHashMap;
import java.util.Map;

/** Names and labels of the Kubernetes objects made for a pipeline. */
public final class PipelineNames {

  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String OPERATOR = "telemetra-operator";

  private static final String INSTANCE = "app.kubernetes.io/instance";
  private static final String PART_OF = "app.kubernetes.io/part-of";

  /** Informers only cache objects carrying this label. */
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + OPERATOR;

  private PipelineNames() {}

  /** How a pipeline is recorded as the owner of its tables and topics: namespace/name. */
  public static String owner(TelemetraPipeline p) {
    return p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
  }

  /** Whether the pipeline carries {@link TelemetraPipeline#ADOPT_ANNOTATION}=true. */
  public static boolean adoptsUnownedData(TelemetraPipeline p) {
    var annotations = p.getMetadata().getAnnotations();
    return annotations != null
        && "true".equalsIgnoreCase(annotations.get(TelemetraPipeline.ADOPT_ANNOTATION));
  }

  public static String api(TelemetraPipeline p) {
    return p.getMetadata().getName() + "-api";
  }

  public static String producer(TelemetraPipeline p) {
    return p.getMetadata().getName() + "-producer";
  }

  public static String streaming(TelemetraPipeline p) {
    return p.getMetadata().getName() + "-streaming";
  }

  /** Labels selecting the pods of one component of one pipeline. */
  public static Map<String, String> selector(TelemetraPipeline p, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "telemetra-" + component);
    labels.put(INSTANCE, p.getMetadata().getName());
    return labels;
  }

  /** Labels every object and pod of one pipeline carries, whatever its component. */
  public static Map<String, String> anyComponent(TelemetraPipeline p) {
    return Map.of(INSTANCE, p.getMetadata().getName(), PART_OF, "telemetra");
  }

  /** All labels of an object of one component of one pipeline. */
  public static Map<String, String> labels(TelemetraPipeline p, String component) {
    Map<String, String> labels = selector(p, component);
    labels.put("app.kubernetes.io/component", component);
    labels.put(PART_OF, "telemetra");
    labels.put(MANAGED_BY, OPERATOR);
    return labels;
  }

  /** Metadata of the object {@code name} of one component of one pipeline, in its namespace. */
  public static ObjectMeta metadata(TelemetraPipeline p, String name, String component) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(p.getMetadata().getNamespace())
        .withLabels(labels(p, component))
        .build();
  }
}
