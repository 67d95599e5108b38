package io.telemetra.streaming.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingSettingsTest {

  @Test
  void defaultsFollowTheConfigurationReference() {
    var s = StreamingSettings.fromEnvironment(Map.of());
    assertThat(s.windowDuration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.windowSlide()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.watermark()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.trigger()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.anomalyThreshold()).isEqualTo(3.0);
    assertThat(s.anomalyHistoryWindows()).isEqualTo(30);
    assertThat(s.sentimentEnabled()).isTrue();
    assertThat(s.kafka().bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(s.topics().deadLetter()).isEqualTo("telemetra.events.dlq");
    assertThat(s.checkpointLocation()).isEqualTo("./target/checkpoints");
  }

  @Test
  void aNewCheckpointStartsAtTheEarliestOffsetsUnlessToldOtherwise() {
    var defaults = StreamingSettings.fromEnvironment(Map.of());
    assertThat(defaults.startingOffsets().sparkOptions())
        .isEqualTo(Map.of("startingOffsets", "earliest"));
    assertThat(defaults.resetNonce()).isEmpty();

    var reset =
        StreamingSettings.fromEnvironment(
            Map.of(
                "KAFKA_STARTING_OFFSETS", "2026-12-05T11:00:00+01:00",
                "TELEMETRA_RESET_NONCE", "window-120"));
    assertThat(reset.startingOffsets().sparkOptions())
        .isEqualTo(
            Map.of(
                "startingTimestamp",
                String.valueOf(java.time.Instant.parse("2026-12-05T10:00:00Z").toEpochMilli()),
                "startingOffsetsByTimestampStrategy",
                "latest"));
    assertThat(reset.resetNonce()).contains("window-120");
    assertThat(
            StreamingSettings.fromEnvironment(Map.of("KAFKA_STARTING_OFFSETS", "latest"))
                .startingOffsets()
                .sparkOptions())
        .isEqualTo(Map.of("startingOffsets", "latest"));
    assertThatThrownBy(
            () -> StreamingSettings.fromEnvironment(Map.of("KAFKA_STARTING_OFFSETS", "yesterday")))
        .hasMessageContaining("KAFKA_STARTING_OFFSETS must be earliest, latest or an RFC 3339");
  }

  @Test
  void snapshotsAreOffUnlessAskedForAndARestoreNamesASnapshotId() {
    assertThat(StreamingSettings.fromEnvironment(Map.of()).snapshots())
        .isEqualTo(SnapshotSettings.NONE);
    assertThat(
            StreamingSettings.fromEnvironment(
                    Map.of(
                        "CHECKPOINT_SNAPSHOTS", "3",
                        "CHECKPOINT_RESTORE_FROM", " 20261207-051200-123 "))
                .snapshots())
        .isEqualTo(new SnapshotSettings(3, java.util.Optional.of("20261207-051200-123")));
    assertThatThrownBy(
            () -> StreamingSettings.fromEnvironment(Map.of("CHECKPOINT_RESTORE_FROM", "../x")))
        .hasMessageContaining("CHECKPOINT_RESTORE_FROM must be a snapshot id");
    assertThatThrownBy(
            () -> StreamingSettings.fromEnvironment(Map.of("CHECKPOINT_SNAPSHOTS", "-1")))
        .hasMessageContaining("CHECKPOINT_SNAPSHOTS must not be negative");
  }

  @Test
  void theWindowEngineIsReadInAnyCaseAndAnUnknownOneIsRefusedNamingTheChoices() {
    assertThat(StreamingSettings.fromEnvironment(Map.of("WINDOW_ENGINE", " Panes ")).windowEngine())
        .isEqualTo(WindowEngine.PANES);
    assertThat(StreamingSettings.fromEnvironment(Map.of("WINDOW_ENGINE", "explode")).windowEngine())
        .isEqualTo(WindowEngine.EXPLODE);
    assertThatThrownBy(() -> StreamingSettings.fromEnvironment(Map.of("WINDOW_ENGINE", "slices")))
        .hasMessage("WINDOW_ENGINE must be explode or panes, got 'slices'");
  }

  @Test
  void thePipelineIsNamedAfterItsTopicPrefixUnlessGivenAName() {
    assertThat(StreamingSettings.fromEnvironment(Map.of()).pipeline())
        .isEqualTo("telemetra.events");
    assertThat(
            StreamingSettings.fromEnvironment(Map.of("TELEMETRA_TOPIC_PREFIX", "tenant-a.events"))
                .pipeline())
        .isEqualTo("tenant-a.events");
    assertThat(
            StreamingSettings.fromEnvironment(
                    Map.of(
                        "TELEMETRA_TOPIC_PREFIX", "tenant-a.events",
                        "TELEMETRA_PIPELINE_NAME", " analytics/tenant-a "))
                .pipeline())
        .isEqualTo("analytics/tenant-a");
  }

  @Test
  void secretsComeFromFilesAndNeverShowInToString(@TempDir Path dir) throws Exception {
    Path pg = Files.writeString(dir.resolve("pg"), "pg-secret\n");
    Path kafka = Files.writeString(dir.resolve("kafka"), "kafka-secret");
    var s =
        StreamingSettings.fromEnvironment(
            Map.of(
                "POSTGRES_PASSWORD_FILE", pg.toString(),
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_USERNAME", "telemetra",
                "KAFKA_SASL_PASSWORD_FILE", kafka.toString()));
    assertThat(s.postgres().password()).isEqualTo("pg-secret");
    assertThat(s.kafkaSourceOptions())
        .containsEntry("kafka.security.protocol", "SASL_SSL")
        .containsEntry("kafka.sasl.mechanism", "SCRAM-SHA-512");
    assertThat(s.kafkaSourceOptions().get("kafka.sasl.jaas.config"))
        .contains("ScramLoginModule")
        .contains("password=\"kafka-secret\"");
    assertThat(s.toString()).doesNotContain("pg-secret").doesNotContain("kafka-secret");
  }

  @Test
  void aWindowThatIsNotAMultipleOfTheSlideIsRejectedWithTheVariableNames() {
    assertThatThrownBy(
            () ->
                StreamingSettings.fromEnvironment(
                    Map.of(
                        "CHAT_WINDOW_DURATION_SECONDS", "45", "CHAT_WINDOW_SLIDE_SECONDS", "20")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CHAT_WINDOW_DURATION_SECONDS")
        .hasMessageContaining("CHAT_WINDOW_SLIDE_SECONDS");
  }

  @Test
  void aNonNumericValueNamesItsVariable() {
    assertThatThrownBy(
            () -> StreamingSettings.fromEnvironment(Map.of("WATERMARK_SECONDS", "thirty")))
        .hasMessageContaining("WATERMARK_SECONDS");
  }
}
