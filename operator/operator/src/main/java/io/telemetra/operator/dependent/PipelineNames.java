package io.telemetra.operator.dependent;

import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import java.util.LinkedHashMap;
import java.util.Map;

/** Names and labels of the Kubernetes objects made for a pipeline. */
public final class PipelineNames {

  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String OPERATOR = "telemetra-operator";

  /** Informers only cache objects carrying this label. */
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + OPERATOR;

  private PipelineNames() {}

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
    labels.put("app.kubernetes.io/instance", p.getMetadata().getName());
    return labels;
  }

  /** All labels of an object of one component of one pipeline. */
  public static Map<String, String> labels(TelemetraPipeline p, String component) {
    Map<String, String> labels = selector(p, component);
    labels.put("app.kubernetes.io/component", component);
    labels.put("app.kubernetes.io/part-of", "telemetra");
    labels.put(MANAGED_BY, OPERATOR);
    return labels;
  }
}
