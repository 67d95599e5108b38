package io.telemetra.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.embedded.KafkaBroker;
import io.telemetra.events.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker restart in the middle of a run loses nothing and duplicates nothing. */
class ProducerBrokerRestartIT {

  @TempDir Path dir;

  @Test
  void aRestartedBrokerGetsEveryRecordExactlyOnce() throws Exception {
    KafkaBroker broker = KafkaBroker.onFreePorts(dir.resolve("kafka")).start();
    try {
      CompletableFuture<ProducerIT.Run> run =
          CompletableFuture.supplyAsync(
              () ->
                  ProducerIT.cli(
                      Map.of(),
                      "--bootstrap-servers",
                      broker.bootstrapServers(),
                      "--topic-prefix",
                      "restart",
                      "--create-topics",
                      "--rate",
                      "500",
                      "--duration",
                      "25s",
                      "--seed",
                      "9",
                      "--progress-interval",
                      "2s"));
      Thread.sleep(8_000);
      broker.stop();
      Thread.sleep(4_000);
      broker.start();

      ProducerIT.Run result = run.get(180, TimeUnit.SECONDS);
      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.out()).contains("failed 0");
      long sent = ProducerIT.recordsIn(result.out());
      assertThat(sent).isGreaterThan(5_000);

      List<ConsumerRecord<String, byte[]>> consumed =
          TopicReader.readAll(
              broker.bootstrapServers(),
              new Topics("restart").eventTopics(),
              sent,
              Duration.ofSeconds(90));
      Set<String> distinct = new HashSet<>();
      consumed.forEach(r -> distinct.add(new String(r.value(), StandardCharsets.UTF_8)));
      assertThat(consumed).hasSize((int) sent);
      assertThat(distinct).hasSize((int) sent);
    } finally {
      broker.stop();
    }
  }
}
