package io.telemetra.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.telemetra.operator.TestingPipelines;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class EventRecorderMockTest {

  static final String NS = "team-events";

  KubernetesClient client;
  Instant now = Instant.parse("2026-12-06T10:00:00Z");
  TelemetraPipeline pipeline;
  EventRecorder recorder;

  @BeforeEach
  void setUp() {
    pipeline = TestingPipelines.basic("flapping", NS, "kafka:9092", "postgres", 5432);
    pipeline.getMetadata().setUid("4b1c7e0e-0000-4000-8000-000000000001");
    recorder =
        new EventRecorder(
            new Clock() {
              @Override
              public Instant instant() {
                return now;
              }

              @Override
              public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
              }

              @Override
              public Clock withZone(java.time.ZoneId zone) {
                return this;
              }
            });
  }

  void kafkaDown() {
    recorder.record(
        client,
        pipeline,
        "Warning",
        "KafkaUnavailable",
        EventAction.PROVISION_TOPICS,
        "TopicsReady=False: no broker at kafka:9092");
  }

  List<Event> events() {
    return client.events().v1().events().inNamespace(NS).list().getItems().stream()
        .sorted(Comparator.comparing(e -> e.getEventTime().getTime()))
        .toList();
  }

  /** How often the event happened: 1, or its series' count. */
  static int count(Event event) {
    return event.getSeries() == null ? 1 : event.getSeries().getCount();
  }

  @Test
  void aRepeatedEventIsCountedOnTheFirstOne() {
    kafkaDown();
    now = now.plusSeconds(40);
    kafkaDown();
    now = now.plusSeconds(40);
    kafkaDown();

    assertThat(events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(count(e)).isEqualTo(3);
              assertThat(e.getEventTime().getTime()).isEqualTo("2026-12-06T10:00:00.000000Z");
              assertThat(e.getSeries().getLastObservedTime().getTime())
                  .isEqualTo("2026-12-06T10:01:20.000000Z");
              assertThat(e.getReason()).isEqualTo("KafkaUnavailable");
              assertThat(e.getNote()).isEqualTo("TopicsReady=False: no broker at kafka:9092");
              assertThat(e.getAction()).isEqualTo("ProvisionTopics");
              assertThat(e.getReportingController()).isEqualTo("telemetra.io/operator");
              assertThat(e.getReportingInstance()).isNotBlank();
              assertThat(e.getRegarding().getUid()).isEqualTo(pipeline.getMetadata().getUid());
            });
  }

  @Test
  void anotherMessageReasonOrTypeIsAnEventOfItsOwn() {
    kafkaDown();
    recorder.record(
        client,
        pipeline,
        "Warning",
        "KafkaUnavailable",
        EventAction.PROVISION_TOPICS,
        "TopicsReady=False: no broker at other:9092");
    recorder.record(
        client,
        pipeline,
        "Normal",
        "TopicsReady",
        EventAction.PROVISION_TOPICS,
        "TopicsReady=True: 5 topics");
    kafkaDown();

    assertThat(events())
        .extracting(Event::getReason, EventRecorderMockTest::count)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("KafkaUnavailable", 2),
            org.assertj.core.groups.Tuple.tuple("KafkaUnavailable", 1),
            org.assertj.core.groups.Tuple.tuple("TopicsReady", 1));
  }

  @Test
  void afterAQuietSpellOrOnceTheEventExpiredARepeatIsANewEvent() {
    kafkaDown();
    now = now.plus(EventRecorder.SIMILAR_WITHIN).plusSeconds(1);
    kafkaDown();
    assertThat(events()).extracting(EventRecorderMockTest::count).containsExactly(1, 1);

    client.events().v1().events().inNamespace(NS).delete(); // the API server's one-hour TTL
    now = now.plus(Duration.ofSeconds(30));
    kafkaDown();
    assertThat(events()).singleElement().extracting(EventRecorderMockTest::count).isEqualTo(1);
  }

  @Test
  void aNoteLongerThanTheApiServersLimitIsCutAtACharacterBoundary() {
    String message = "Ready=False: " + "é".repeat(600); // 1,213 bytes of UTF-8

    recorder.record(client, pipeline, "Warning", "NotReady", EventAction.RECONCILE, message);

    String note = events().get(0).getNote();
    assertThat(note.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(EventRecorder.NOTE_LIMIT_BYTES);
    assertThat(note).startsWith("Ready=False: ééé").endsWith("é…");
    assertThat(EventRecorder.truncate("short", 1024)).isEqualTo("short");
    // 4-byte (outside the BMP) and 3-byte characters: as many whole ones as fit before the "…"
    assertThat(EventRecorder.truncate("😀".repeat(300), 1024)).isEqualTo("😀".repeat(255) + "…");
    assertThat(EventRecorder.truncate("€".repeat(400), 1024)).isEqualTo("€".repeat(340) + "…");
  }
}
