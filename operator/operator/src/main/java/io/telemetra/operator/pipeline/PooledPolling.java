package io.telemetra.operator.pipeline;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.dependent.external.PerResourcePollingDependentResource;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingConfigurationBuilder;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingEventSource;
import io.telemetra.operator.config.PollingSettings;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The polling event source of an external dependent (Kafka topics, Postgres schema) with a pool of
 * {@link PollingSettings#threads()} threads instead of JOSDK's single one: a poll that waits out an
 * unreachable Kafka or Postgres (up to its timeout) then delays only its own pipeline, not every
 * other pipeline's poll behind it.
 */
public final class PooledPolling {

  private PooledPolling() {}

  public static <R, P extends HasMetadata> PerResourcePollingEventSource<R, P, String> eventSource(
      PerResourcePollingDependentResource<R, P, String> dependent, EventSourceContext<P> context) {
    return new PerResourcePollingEventSource<>(
        dependent.resourceType(),
        context,
        new PerResourcePollingConfigurationBuilder<R, P, String>(
                dependent, dependent.getPollingPeriod())
            .withResourceIDMapper(dependent.resourceIDMapper())
            .withName(dependent.name())
            .withExecutorService(pool(dependent.name()))
            .build());
  }

  private static ScheduledExecutorService pool(String name) {
    AtomicInteger count = new AtomicInteger();
    return Executors.newScheduledThreadPool(
        PollingSettings.threads(),
        task -> {
          Thread thread = new Thread(task, "poll-" + name + "-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }
}
