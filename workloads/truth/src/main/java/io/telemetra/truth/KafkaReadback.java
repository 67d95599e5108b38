package io.telemetra.truth;

import io.telemetra.events.Decoded;
import io.telemetra.events.EventCodec;
import io.telemetra.events.EventType;
import io.telemetra.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads back every record the run put into Kafka, from the first offset to the end: the event
 * topics feed the {@link GroundTruth} (accepted events) and the expected dead letters (rejected
 * ones, with the codec's reason); the dead-letter topic gives the dead letters the job wrote.
 */
public final class KafkaReadback {

  /** What the event topics held. */
  public record Produced(
      Map<EventType, Long> recordsByType, long accepted, long rejected, Set<Rows.DeadLetter> dlq) {
    public long records() {
      return recordsByType.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final String bootstrapServers;
  private final Topics topics;

  public KafkaReadback(String bootstrapServers, Topics topics) {
    this.bootstrapServers = bootstrapServers;
    this.topics = topics;
  }

  /** Decodes every event-topic record into {@code truth}; returns counts and expected DLQ. */
  public Produced events(GroundTruth truth) {
    EventCodec codec = EventCodec.withSystemClock();
    Map<EventType, Long> byType = new EnumMap<>(EventType.class);
    Set<Rows.DeadLetter> rejected = new HashSet<>();
    long[] accepted = new long[1];
    readAll(
        topics.eventTopics(),
        (topic, r) -> {
          EventType type = topics.typeOf(topic).orElseThrow();
          byType.merge(type, 1L, Long::sum);
          Decoded d = codec.decode(topics, topic, r.value());
          if (d instanceof Decoded.Accepted a) {
            truth.accept(a.event());
            accepted[0]++;
          } else if (d instanceof Decoded.Rejected no) {
            rejected.add(
                new Rows.DeadLetter(
                    topic, r.partition(), r.offset(), no.rejection().reason().name()));
          }
        });
    return new Produced(byType, accepted[0], rejected.size(), rejected);
  }

  /** The dead letters in the DLQ topic (a letter written twice is one element). */
  public Set<Rows.DeadLetter> deadLetters() {
    Set<Rows.DeadLetter> letters = new HashSet<>();
    readAll(
        List.of(topics.deadLetter()),
        (topic, r) -> {
          Map<String, String> h = new HashMap<>();
          for (Header header : r.headers()) {
            h.put(
                header.key(), new String(header.value(), java.nio.charset.StandardCharsets.UTF_8));
          }
          letters.add(
              new Rows.DeadLetter(
                  h.get(io.telemetra.events.DeadLetter.HEADER_SOURCE_TOPIC),
                  Integer.parseInt(h.get(io.telemetra.events.DeadLetter.HEADER_SOURCE_PARTITION)),
                  Long.parseLong(h.get(io.telemetra.events.DeadLetter.HEADER_SOURCE_OFFSET)),
                  h.get(io.telemetra.events.DeadLetter.HEADER_REASON)));
        });
    return letters;
  }

  /**
   * Hands each record of the topics, from the first offset to the end offsets seen at the start.
   */
  private void readAll(
      List<String> topicNames, BiConsumer<String, ConsumerRecord<byte[], byte[]>> each) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024);
    // A fetch leaves out partitions whose records are still buffered; if only finished partitions
    // are left in it, the broker would hold it for the default 500 ms (measured: 45,000 records/s
    // instead of 900,000 with 10 ms). Finished partitions are also paused below.
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topicNames) {
        consumer
            .partitionsFor(topic, Duration.ofSeconds(30))
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      Map<TopicPartition, Long> remaining = new HashMap<>(end);
      List<TopicPartition> empty =
          end.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).toList();
      consumer.pause(empty);
      empty.forEach(remaining::remove);
      long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
      while (!remaining.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("reading back Kafka took over 30 minutes: " + remaining);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          Long last = end.get(tp);
          if (r.offset() < last) {
            each.accept(r.topic(), r);
          }
        }
        List<TopicPartition> finished =
            remaining.keySet().stream().filter(tp -> consumer.position(tp) >= end.get(tp)).toList();
        consumer.pause(finished);
        finished.forEach(remaining::remove);
      }
    }
  }
}
