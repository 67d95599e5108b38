package io.telemetra.operator.status;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.telemetra.operator.api.v1alpha1.TelemetraPipelineStatus;

/** Compares statuses by their JSON form, so an unchanged status is never written again. */
public final class StatusComparison {

  private StatusComparison() {}

  public static boolean same(TelemetraPipelineStatus a, TelemetraPipelineStatus b) {
    return a == null || b == null
        ? a == b
        : Serialization.asJson(a).equals(Serialization.asJson(b));
  }
}
