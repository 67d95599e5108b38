package io.telemetra.operator.status;

import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Kubernetes Events on pipelines in the events.k8s.io/v1 form, aggregated as client-go's
 * events library does: an event identical to one recorded on the same pipeline in the last {@link
 * #SIMILAR_WITHIN} (same type, reason and note) becomes a <em>series</em> on that Event (its {@code
 * series.count} and {@code series.lastObservedTime} raised) instead of another object, so a
 * flapping dependency shows as "x12 over 40m" in {@code kubectl describe} and does not fill etcd
 * with copies. Every Event names its reporter: controller {@value #REPORTING_CONTROLLER}, instance
 * the operator's pod.
 */
public final class EventRecorder {

  /** How long an event is folded into the previous identical one (client-go: 10 minutes). */
  static final Duration SIMILAR_WITHIN = Duration.ofMinutes(10);

  static final String REPORTING_CONTROLLER = "telemetra.io/operator";

  /** The API server's limit on an Event's note, in bytes. */
  static final int NOTE_LIMIT_BYTES = 1024;

  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  /** Identical events remembered at most; the oldest are forgotten first. */
  private static final int REMEMBERED = 4096;

  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

  private record Key(
      String namespace,
      String uid,
      String type,
      String reason,
      EventAction action,
      String message) {}

  private record Recorded(String name, int count, Instant last) {}

  private final Clock clock;
  private final String reportingInstance;

  private final Map<Key, Recorded> recent =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Recorded> eldest) {
          return size() > REMEMBERED;
        }
      };

  /** Reports as the pod named by {@code HOSTNAME} (Kubernetes sets it to the pod's name). */
  public EventRecorder(Clock clock) {
    this.clock = clock;
    String hostname = System.getenv().getOrDefault("HOSTNAME", "");
    this.reportingInstance = hostname.isBlank() ? "telemetra-operator" : truncate(hostname, 128);
  }

  /**
   * Records {@code type} ("Normal" or "Warning"), {@code reason} and {@code message}, which came of
   * {@code action}.
   */
  public void record(
      KubernetesClient client,
      TelemetraPipeline pipeline,
      String type,
      String reason,
      EventAction action,
      String message) {
    var meta = pipeline.getMetadata();
    Key key = new Key(meta.getNamespace(), meta.getUid(), type, reason, action, message);
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
        recorded = created(client, pipeline, key, now);
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
          .events()
          .v1()
          .events()
          .inNamespace(namespace)
          .withName(previous.name())
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"series\":{\"count\":"
                  + count
                  + ",\"lastObservedTime\":\""
                  + MICRO_TIME.format(now)
                  + "\"}}");
      return new Recorded(previous.name(), count, now);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return null;
      }
      throw e;
    }
  }

  private Recorded created(
      KubernetesClient client, TelemetraPipeline pipeline, Key key, Instant now) {
    var meta = pipeline.getMetadata();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withGenerateName(meta.getName() + "-")
            .withNamespace(meta.getNamespace())
            .endMetadata()
            .withRegarding(
                new ObjectReferenceBuilder()
                    .withApiVersion(pipeline.getApiVersion())
                    .withKind(pipeline.getKind())
                    .withName(meta.getName())
                    .withNamespace(meta.getNamespace())
                    .withUid(meta.getUid())
                    .withResourceVersion(meta.getResourceVersion())
                    .build())
            .withType(key.type())
            .withReason(key.reason())
            .withNote(truncate(key.message(), NOTE_LIMIT_BYTES))
            .withAction(key.action().value())
            .withEventTime(new MicroTime(MICRO_TIME.format(now)))
            .withReportingController(REPORTING_CONTROLLER)
            .withReportingInstance(reportingInstance)
            .build();
    Event created =
        client.events().v1().events().inNamespace(meta.getNamespace()).resource(event).create();
    return new Recorded(created.getMetadata().getName(), 1, now);
  }

  /** {@code text} cut to at most {@code limitBytes} of UTF-8, ending in "…" when cut. */
  static String truncate(String text, int limitBytes) {
    if (text.getBytes(StandardCharsets.UTF_8).length <= limitBytes) {
      return text;
    }
    String ellipsis = "…";
    int budget = limitBytes - ellipsis.getBytes(StandardCharsets.UTF_8).length;
    StringBuilder cut = new StringBuilder();
    int used = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      int bytes = utf8Length(codePoint);
      if (used + bytes > budget) {
        break;
      }
      cut.appendCodePoint(codePoint);
      used += bytes;
      i += Character.charCount(codePoint);
    }
    return cut.append(ellipsis).toString();
  }

  /** Bytes of {@code codePoint} in UTF-8 (a lone surrogate is written as one replacement byte). */
  private static int utf8Length(int codePoint) {
    if (codePoint < 0x80) {
      return 1;
    }
    if (codePoint < 0x800) {
      return 2;
    }
    if (Character.isSurrogate((char) codePoint) && codePoint < 0x10000) {
      return 1;
    }
    return codePoint < 0x10000 ? 3 : 4;
  }
}
