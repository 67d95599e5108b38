package io.telemetra.operator.status;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Kubernetes Events on pipelines, aggregated as client-go's event recorder does: an event
 * identical to one recorded on the same pipeline in the last {@link #SIMILAR_WITHIN} (same type,
 * reason and message) raises that Event's count and last timestamp instead of creating another
 * object, so a flapping dependency shows as "x12 over 40m" in {@code kubectl describe} and does not
 * fill etcd with copies.
 */
public final class EventRecorder {

  /** How long an event is folded into the previous identical one (client-go: 10 minutes). */
  static final Duration SIMILAR_WITHIN = Duration.ofMinutes(10);

  /** Identical events remembered at most; the oldest are forgotten first. */
  private static final int REMEMBERED = 4096;

  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

  private record Key(String namespace, String uid, String type, String reason, String message) {}

  private record Recorded(String name, int count, Instant last) {}

  private final Clock clock;

  private final Map<Key, Recorded> recent =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Recorded> eldest) {
          return size() > REMEMBERED;
        }
      };

  public EventRecorder(Clock clock) {
    this.clock = clock;
  }

  /** Records {@code type} ("Normal" or "Warning"), {@code reason} and {@code message}. */
  public void record(
      KubernetesClient client,
      TelemetraPipeline pipeline,
      String type,
      String reason,
      String message) {
    var meta = pipeline.getMetadata();
    Key key = new Key(meta.getNamespace(), meta.getUid(), type, reason, message);
    Instant now = clock.instant();
    try {
      Recorded previous;
      synchronized (recent) {
        previous = recent.get(key);
      }
      Recorded recorded =
          previous != null && previous.last().plus(SIMILAR_WITHIN).isAfter(now)
              ? repeated(client, meta.getNamespace(), previous, now)
              : null;
      if (recorded == null) {
        recorded = created(client, pipeline, type, reason, message, now);
      }
      synchronized (recent) {
        recent.put(key, recorded);
      }
    } catch (KubernetesClientException e) {
      log.warn("Cannot record event {} for {}: {}", reason, meta.getName(), e.getMessage());
    }
  }

  /** The previous Event counted once more; null when it is gone (Events expire after an hour). */
  private static Recorded repeated(
      KubernetesClient client, String namespace, Recorded previous, Instant now) {
    int count = previous.count() + 1;
    try {
      client
          .v1()
          .events()
          .inNamespace(namespace)
          .withName(previous.name())
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"count\":" + count + ",\"lastTimestamp\":\"" + now + "\"}");
      return new Recorded(previous.name(), count, now);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return null;
      }
      throw e;
    }
  }

  private static Recorded created(
      KubernetesClient client,
      TelemetraPipeline pipeline,
      String type,
      String reason,
      String message,
      Instant now) {
    var meta = pipeline.getMetadata();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withGenerateName(meta.getName() + "-")
            .withNamespace(meta.getNamespace())
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(pipeline.getApiVersion())
                    .withKind(pipeline.getKind())
                    .withName(meta.getName())
                    .withNamespace(meta.getNamespace())
                    .withUid(meta.getUid())
                    .withResourceVersion(meta.getResourceVersion())
                    .build())
            .withType(type)
            .withReason(reason)
            .withMessage(message)
            .withFirstTimestamp(now.toString())
            .withLastTimestamp(now.toString())
            .withCount(1)
            .withNewSource()
            .withComponent("telemetra-operator")
            .endSource()
            .build();
    Event created = client.v1().events().inNamespace(meta.getNamespace()).resource(event).create();
    return new Recorded(created.getMetadata().getName(), 1, now);
  }
}
