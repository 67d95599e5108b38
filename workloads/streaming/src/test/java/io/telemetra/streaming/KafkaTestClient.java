package io.telemetra.streaming;

import io.telemetra.events.DeadLetter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Sends test records to the real broker and reads the dead-letter topic back. */
final class KafkaTestClient {

  private KafkaTestClient() {}

  static void send(String bootstrap, List<ScriptedTraffic.Sent> records) {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            5,
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
            2_000_000);
    try (var producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (ScriptedTraffic.Sent r : records) {
        producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value()));
      }
      producer.flush();
    }
  }

  /** Reads the topic from the beginning until {@code expected} records arrived or time is up. */
  static List<DeadLetter> readDeadLetters(String bootstrap, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            "dlq-reader-" + System.nanoTime(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed");
    List<DeadLetter> letters = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          Map<String, byte[]> headers = new HashMap<>();
          for (Header h : r.headers()) {
            headers.put(h.key(), h.value());
          }
          letters.add(DeadLetter.fromRecord(r.key(), r.value(), headers));
        }
        if (letters.size() >= expected) {
          // one more poll so that extra (duplicate) dead letters would show up
          consumer.poll(Duration.ofSeconds(2)).forEach(r -> letters.add(null));
          break;
        }
      }
    }
    return letters;
  }
}
