package io.telemetra.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.embedded.KafkaBroker;
import io.telemetra.events.TopicCreator;
import io.telemetra.events.Topics;
import io.telemetra.runtime.KafkaConnection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code telemetra-local send} against a real KRaft broker. */
class SendCommandIT {

  @TempDir Path dir;

  @Test
  void goodLinesAreSentKeyedByStreamAndBadLinesAreReportedByLineNumber() throws Exception {
    try (KafkaBroker broker = KafkaBroker.onFreePorts(dir.resolve("kafka")).start()) {
      try (Admin admin =
          Admin.create(KafkaConnection.plaintext(broker.bootstrapServers()).properties())) {
        TopicCreator.createMissing(admin, Topics.defaults(), 1, (short) 1, Duration.ofSeconds(30));
      }
      Path input = dir.resolve("chat.jsonl");
      Files.writeString(
          input,
          String.join(
              "\n",
              "{\"stream_id\":\"my-stream\",\"user_id\":\"u1\",\"username\":\"ann\",\"message\":\"hello\",\"emotes\":[]}",
              "",
              "{\"stream_id\":\"my-stream\",\"user_id\":\"u2\",\"username\":\"bob\"}",
              "not json"));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();

      int code =
          new CommandLine(new SendCommand(new PrintStream(out, true), new PrintStream(err, true)))
              .execute(
                  "chat",
                  "--stamp",
                  "--bootstrap-servers=" + broker.bootstrapServers(),
                  "--file=" + input);

      assertThat(code).isEqualTo(1);
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("sent 1 event(s) to telemetra.events.chat; 2 line(s) rejected");
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("line 3 not sent: MISSING_FIELD message")
          .contains("line 4 not sent: INVALID_JSON");
      List<ConsumerRecord<String, String>> records = consume(broker, "telemetra.events.chat");
      assertThat(records)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.key()).isEqualTo("my-stream");
                assertThat(r.value()).contains("\"username\":\"ann\"", "\"event_id\":", "\"ts\":");
              });
    }
  }

  @Test
  void stampingLeavesGivenIdsAndTimesAlone() {
    String line = "{\"event_id\":\"e1\",\"ts\":\"2026-11-27T10:00:00Z\",\"stream_id\":\"s\"}";

    String stamped = new String(SendCommand.stamped(line), StandardCharsets.UTF_8);

    assertThat(stamped).contains("\"event_id\":\"e1\"", "\"ts\":\"2026-11-27T10:00:00Z\"");
  }

  private static List<ConsumerRecord<String, String>> consume(KafkaBroker broker, String topic) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "send-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      List<ConsumerRecord<String, String>> all = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline && all.isEmpty()) {
        consumer.poll(Duration.ofMillis(500)).forEach(all::add);
      }
      consumer.poll(Duration.ofSeconds(1)).forEach(all::add);
      return all;
    }
  }
}
