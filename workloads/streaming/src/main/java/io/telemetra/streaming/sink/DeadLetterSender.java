package io.telemetra.streaming.sink;

import io.telemetra.runtime.KafkaConnection;
import io.telemetra.streaming.ingest.EventRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.Row;

/**
 * Sends rejected rows to the dead-letter topic from the driver with an idempotent, acks=all
 * producer, and waits until Kafka acknowledged every one of them.
 */
final class DeadLetterSender implements AutoCloseable {

  private final String topic;
  private final KafkaConnection kafka;
  private KafkaProducer<byte[], byte[]> producer;

  DeadLetterSender(String topic, KafkaConnection kafka) {
    this.topic = topic;
    this.kafka = kafka;
  }

  void send(List<Row> rejected) throws InterruptedException, ExecutionException {
    if (rejected.isEmpty()) {
      return;
    }
    if (producer == null) {
      Properties props = new Properties();
      props.putAll(kafka.clientProperties());
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      props.put(ProducerConfig.CLIENT_ID_CONFIG, "telemetra-streaming-dlq");
      producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
    List<Future<RecordMetadata>> acks = new ArrayList<>(rejected.size());
    for (Row r : rejected) {
      var record =
          new ProducerRecord<byte[], byte[]>(
              topic, r.<byte[]>getAs(EventRows.KEY), r.<byte[]>getAs(EventRows.VALUE));
      for (Row h : r.<Row>getList(EventRows.DLQ_HEADERS)) {
        record.headers().add(new RecordHeader(h.getString(0), (byte[]) h.get(1)));
      }
      acks.add(producer.send(record));
    }
    producer.flush();
    for (Future<RecordMetadata> ack : acks) {
      ack.get();
    }
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close();
      producer = null;
    }
  }
}
