package io.telemetra.operator;

import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import java.util.Map;
import java.util.Objects;

/**
 * The annotation {@code telemetra.io/reconcile: paused}: while it is set the operator writes
 * nothing, neither to the pipeline's Kubernetes objects nor to Kafka or Postgres, so an operator of
 * the platform can hand-edit a child during an incident. Removing it resumes reconciliation, which
 * repairs whatever drifted.
 */
public final class ReconcilePause {

  private ReconcilePause() {}

  public static boolean isPaused(TelemetraPipeline pipeline) {
    return TelemetraPipeline.RECONCILE_PAUSED.equals(annotation(pipeline));
  }

  private static String annotation(TelemetraPipeline pipeline) {
    Map<String, String> annotations = pipeline.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(TelemetraPipeline.RECONCILE_ANNOTATION);
  }

  /**
   * Which updates of a pipeline start a reconcile: a new generation (a spec change), a change of
   * the pause annotation (which does not bump the generation), and deletion or finalizer changes.
   * Status patches, the operator's own writes, start none.
   */
  public static final class Updates implements OnUpdateFilter<TelemetraPipeline> {

    @Override
    public boolean accept(TelemetraPipeline now, TelemetraPipeline before) {
      var meta = now.getMetadata();
      var old = before.getMetadata();
      return !Objects.equals(meta.getGeneration(), old.getGeneration())
          || !Objects.equals(annotation(now), annotation(before))
          || !Objects.equals(meta.getDeletionTimestamp(), old.getDeletionTimestamp())
          || !Objects.equals(meta.getFinalizers(), old.getFinalizers());
    }
  }
}
