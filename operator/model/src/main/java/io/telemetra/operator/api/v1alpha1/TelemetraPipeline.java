package io.telemetra.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One live-stream analytics pipeline: topics, schema, streaming job, API and demo producer. The
 * printer columns appear in {@code kubectl get} in the order declared here ({@link
 * io.telemetra.operator.api.crd.GenerateCrd}).
 */
@Group("telemetra.io")
@Version("v1alpha1")
@ShortNames("tp")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "Topics",
    jsonPath = ".status.conditions[?(@.type==\"TopicsReady\")].status")
@AdditionalPrinterColumn(name = "Schema", jsonPath = ".status.schema.version")
@AdditionalPrinterColumn(name = "Streaming", jsonPath = ".status.streaming.state")
@AdditionalPrinterColumn(name = "API", jsonPath = ".status.api.replicas")
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
    name = "Message",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].message",
    priority = 1)
public class TelemetraPipeline
    extends CustomResource<TelemetraPipelineSpec, TelemetraPipelineStatus> implements Namespaced {

  /**
   * Annotation that pauses reconciliation with the value {@link #RECONCILE_PAUSED}: the operator
   * then writes nothing for this pipeline until it is removed.
   */
  public static final String RECONCILE_ANNOTATION = "telemetra.io/reconcile";

  public static final String RECONCILE_PAUSED = "paused";

  /**
   * Annotation that, set to {@code "true"}, lets the pipeline take over Telemetra tables and topics
   * no existing pipeline owns: those written without the operator (local runner, compose), or left
   * by a pipeline deleted with deletionPolicy Retain under another name. Data of a pipeline that
   * exists is never taken over.
   */
  public static final String ADOPT_ANNOTATION = "telemetra.io/adopt-unowned-data";

  /** The desired pipeline; required, so a manifest without spec is rejected at apply. */
  @Override
  @Required
  public TelemetraPipelineSpec getSpec() {
    return super.getSpec();
  }
}
