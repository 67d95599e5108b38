package io.telemetra.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telemetra.events.Decoded;
import io.telemetra.events.EventCodec;
import io.telemetra.events.EventType;
import io.telemetra.events.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code telemetra-local send <type>}: publishes your own events, one JSON object per line from
 * standard input (or a file), to the runner's broker. Each line is checked with the same codec the
 * streaming job uses; rejected lines are reported with their line number and are not sent.
 */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description = {
      "Publishes your own events to the local broker: one JSON object per line on standard input.",
      "Type: chat, viewer, transactions or stream_meta (wire format: docs/local-runner.md)."
    })
public final class SendCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(
      index = "0",
      paramLabel = "<type>",
      description = "chat, viewer, transactions or stream_meta")
  String type;

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "127.0.0.1:9092",
      description = "Kafka bootstrap servers (default ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(
      names = "--topic-prefix",
      defaultValue = Topics.DEFAULT_PREFIX,
      description = "Topic prefix (default ${DEFAULT-VALUE}).")
  String topicPrefix;

  @Option(names = "--stamp", description = "Fill in a missing event_id (random) and ts (now).")
  boolean stamp;

  @Option(names = "--file", description = "Read this file instead of standard input.")
  Path file;

  private final PrintStream out;
  private final PrintStream err;

  public SendCommand() {
    this(System.out, System.err);
  }

  SendCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws IOException {
    EventType eventType = EventType.fromTopicSuffix(type.toLowerCase(Locale.ROOT)).orElse(null);
    if (eventType == null) {
      err.println("Unknown type '" + type + "': use chat, viewer, transactions or stream_meta.");
      return 2;
    }
    Topics topics = new Topics(topicPrefix);
    String topic = topics.of(eventType);
    EventCodec codec = EventCodec.withSystemClock();
    long sent = 0;
    long rejected = 0;
    try (BufferedReader in = reader();
        KafkaProducer<String, byte[]> producer = producer()) {
      String line;
      long number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        byte[] value = stamp ? stamped(line) : line.getBytes(StandardCharsets.UTF_8);
        Decoded decoded = codec.decode(eventType, value);
        if (decoded instanceof Decoded.Accepted accepted) {
          producer.send(
              new ProducerRecord<>(
                  topic, accepted.event().streamId(), codec.encode(accepted.event())));
          sent++;
        } else {
          rejected++;
          err.println("line " + number + " not sent: " + ((Decoded.Rejected) decoded).rejection());
        }
      }
      producer.flush();
    }
    out.println(
        "sent "
            + sent
            + " event(s) to "
            + topic
            + (rejected > 0 ? "; " + rejected + " line(s) rejected" : ""));
    return rejected > 0 ? 1 : 0;
  }

  private BufferedReader reader() throws IOException {
    return file != null
        ? Files.newBufferedReader(file, StandardCharsets.UTF_8)
        : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            15_000),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  /** The line with event_id and ts added when missing; unparseable lines are left as they are. */
  static byte[] stamped(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      if (node instanceof ObjectNode object) {
        if (!object.has("event_id")) {
          object.put("event_id", UUID.randomUUID().toString());
        }
        if (!object.has("ts")) {
          object.put("ts", EventCodec.formatTimestamp(Instant.now()));
        }
        return JSON.writeValueAsBytes(object);
      }
    } catch (IOException e) {
      // the codec reports it as invalid JSON, with the line number
    }
    return line.getBytes(StandardCharsets.UTF_8);
  }
}
