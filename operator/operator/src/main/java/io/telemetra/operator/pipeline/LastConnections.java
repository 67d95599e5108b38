package io.telemetra.operator.pipeline;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.topics.KafkaTopics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Per pipeline, the connection (e.g. {@link KafkaTopics}) a polling dependent made in the
 * pipeline's last reconcile, from the informed Secrets: a poll between reconciles reads no Secret.
 * A spec change or a rotated Secret reconciles the pipeline, which replaces the connection; only a
 * pipeline's first poll, before its first reconcile, makes its own.
 */
public final class LastConnections<T> {

  private static final long PRUNE_EVERY_MS = 60_000;

  private final Map<ResourceID, T> last = new ConcurrentHashMap<>();
  private volatile long prunedAt;

  /** The connection of the last reconcile, else a {@code fresh} one. */
  public T of(TelemetraPipeline pipeline, Supplier<T> fresh) {
    T known = last.get(ResourceID.fromResource(pipeline));
    return known != null ? known : fresh.get();
  }

  /**
   * Remembers the connection this reconcile made (forgets it if the Secrets are unusable now) and,
   * once a minute (a look at every entry), forgets pipelines that are gone.
   */
  public void remember(
      TelemetraPipeline pipeline, Context<TelemetraPipeline> context, Supplier<T> made) {
    ResourceID id = ResourceID.fromResource(pipeline);
    try {
      last.put(id, made.get());
    } catch (PipelineProblem unusable) {
      last.remove(id);
    }
    long now = System.currentTimeMillis();
    if (now - prunedAt > PRUNE_EVERY_MS) {
      prunedAt = now;
      last.keySet().removeIf(known -> context.getPrimaryCache().get(known).isEmpty());
    }
  }
}
