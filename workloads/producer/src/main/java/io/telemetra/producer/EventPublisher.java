package io.telemetra.producer;

import io.telemetra.events.EventType;
import io.telemetra.events.Topics;
import io.telemetra.runtime.KafkaConnection;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends generated records to their pipeline topics, keyed by stream id, and counts what Kafka
 * acknowledged. The producer is tuned for throughput without giving up safety: batches of up to 256
 * KiB lingering 5 ms, lz4 compression, {@code acks=all} and idempotence (no duplicates or
 * reordering from retries).
 */
public final class EventPublisher implements AutoCloseable {

  private final Producer<String, byte[]> producer;
  private final Topics topics;
  private final String[] topicByType;
  private final LongAdder[] acknowledged = new LongAdder[EventType.values().length];
  private final Callback[] callbacks = new Callback[EventType.values().length];
  private final LongAdder failed = new LongAdder();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

  public EventPublisher(KafkaConnection kafka, Topics topics) {
    this(new KafkaProducer<>(producerProperties(kafka)), topics);
  }

  EventPublisher(Producer<String, byte[]> producer, Topics topics) {
    this.producer = producer;
    this.topics = topics;
    this.topicByType = new String[EventType.values().length];
    for (EventType type : EventType.values()) {
      int i = type.ordinal();
      topicByType[i] = topics.of(type);
      acknowledged[i] = new LongAdder();
      callbacks[i] =
          (metadata, exception) -> {
            if (exception == null) {
              acknowledged[i].increment();
            } else {
              failed.increment();
              firstFailure.compareAndSet(null, exception);
            }
          };
    }
  }

  /** Producer properties: serializers, throughput tuning and safety settings. */
  public static Properties producerProperties(KafkaConnection kafka) {
    Properties props = kafka.properties();
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "telemetra-producer");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L * 1024 * 1024));
    return props;
  }

  public Topics topics() {
    return topics;
  }

  /** Sends one record asynchronously; blocks only when the producer's buffer is full. */
  public void send(GeneratedRecord record) {
    int i = record.type().ordinal();
    producer.send(new ProducerRecord<>(topicByType[i], record.key(), record.value()), callbacks[i]);
  }

  /** Waits until every record sent so far is acknowledged or has failed. */
  public void flush() {
    producer.flush();
  }

  /** Records of {@code type} that Kafka acknowledged. */
  public long acknowledged(EventType type) {
    return acknowledged[type.ordinal()].sum();
  }

  /** Records of all types that Kafka acknowledged. */
  public long acknowledged() {
    long total = 0;
    for (LongAdder adder : acknowledged) {
      total += adder.sum();
    }
    return total;
  }

  /** Records Kafka did not take (after the producer's own retries). */
  public long failed() {
    return failed.sum();
  }

  /** The first delivery failure, or null. */
  public Exception firstFailure() {
    return firstFailure.get();
  }

  /** Flushes and closes the producer, waiting at most {@code timeout}. */
  public void close(Duration timeout) {
    producer.close(timeout);
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
