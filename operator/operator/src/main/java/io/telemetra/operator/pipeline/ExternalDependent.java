package io.telemetra.operator.pipeline;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.external.PerResourcePollingDependentResource;
import io.javaoperatorsdk.operator.processing.event.source.ExternalResourceCachingEventSource;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * A part of a pipeline that lives outside Kubernetes (its Kafka topics, its Postgres schema):
 * polled every {@code period} on a pool of its own ({@link PooledPolling}) through a view {@code V}
 * its {@link Connector} opens. A poll reuses the view of the pipeline's last reconcile ({@link
 * LastConnections}), so it reads no Secret; a system that cannot be asked is a state ({@link
 * ExternalState}), never an exception, and fails the reconcile with its reason.
 *
 * @param <S> what a poll sees
 * @param <V> what the operator can ask of the system
 */
public abstract class ExternalDependent<S extends ExternalState, V>
    extends PerResourcePollingDependentResource<S, TelemetraPipeline, String>
    implements Creator<S, TelemetraPipeline>, Updater<S, TelemetraPipeline> {

  private KubernetesClient client;
  private final String part;
  private final Connector<V> connector;
  private final Probes probes;
  private final LastConnections<V> connections = new LastConnections<>();

  /**
   * Polls {@code part} ("topics", "schema") every {@code period} through {@code connector}, telling
   * {@code probes} of every poll.
   */
  protected ExternalDependent(
      Class<S> stateType, Duration period, String part, Connector<V> connector, Probes probes) {
    super(stateType, period, state -> part);
    this.part = part;
    this.connector = connector;
    this.probes = probes;
  }

  /** What {@code view} sees now; never throws. */
  protected abstract S observe(V view);

  /** The state of a system that could not be asked. */
  protected abstract S unavailable(PipelineProblem problem);

  /** Whether {@code actual}, seen on a reachable system, is what the pipeline wants. */
  protected abstract Matcher.Result<S> matchReachable(
      S actual, TelemetraPipeline pipeline, Context<TelemetraPipeline> context);

  /** Makes the system what the pipeline wants, through {@code view}; the state after. */
  protected abstract S provision(
      V view, TelemetraPipeline pipeline, Context<TelemetraPipeline> context);

  @Override
  protected ExternalResourceCachingEventSource<S, TelemetraPipeline, String> createEventSource(
      EventSourceContext<TelemetraPipeline> context) {
    client = context.getClient();
    return PooledPolling.eventSource(this, context);
  }

  @Override
  public Set<S> fetchResources(TelemetraPipeline pipeline) {
    try {
      return Set.of(poll(pipeline));
    } finally {
      probes.probed(pipeline, part, Instant.now());
    }
  }

  private S poll(TelemetraPipeline pipeline) {
    try {
      return (observe(
          connections.of(
              pipeline,
              () ->
                  connector.connect(
                      client,
                      ReferencedSecrets.fetching(client, pipeline.getMetadata().getNamespace()),
                      pipeline))));
    } catch (PipelineProblem problem) {
      return unavailable(problem);
    }
  }

  @Override
  public final Matcher.Result<S> match(
      S actual, TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    connections.remember(pipeline, context, () -> connect(pipeline, context));
    if (!actual.reachable()) {
      throw new PipelineProblem(actual.problem(), actual.message());
    }
    return matchReachable(actual, pipeline, context);
  }

  @Override
  public final S create(S desired, TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    return provision(connect(pipeline, context), pipeline, context);
  }

  @Override
  public final S update(
      S actual, S desired, TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    return provision(connect(pipeline, context), pipeline, context);
  }

  /** This reconcile's view, from the Secrets the pipeline's informer holds. */
  private V connect(TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    return connector.connect(
        context.getClient(), ReferencedSecrets.of(pipeline, context), pipeline);
  }
}
