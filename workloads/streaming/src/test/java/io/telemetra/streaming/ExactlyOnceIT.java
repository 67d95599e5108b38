package io.telemetra.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.telemetra.embedded.ChildProcess;
import io.telemetra.events.Event;
import io.telemetra.streaming.config.WindowEngine;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exactly-once across crashes: the job runs in its own JVM (as under spark-submit) and is killed
 * with SIGKILL twice while traffic flows; restarted from its checkpoint each time, it must still
 * leave tables equal to the ground truth, with nothing lost and nothing counted twice.
 */
class ExactlyOnceIT {

  private static final Duration LENGTH = Duration.ofSeconds(60);
  private static final Duration SLIDE = Duration.ofSeconds(10);

  /** Both windows engines: each must restore its state from the checkpoint exactly. */
  @ParameterizedTest
  @EnumSource(WindowEngine.class)
  void tablesEqualTheGroundTruthAfterTheJobIsKilledTwiceMidStream(WindowEngine engine)
      throws Exception {
    var pipeline = TestInfrastructure.shared().newPipeline("crash" + engine.value());
    Instant start = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS);
    List<ScriptedTraffic.Sent> traffic =
        new ScriptedTraffic(7, pipeline.topics())
            .generate(6000, 4, start, Duration.ofMillis(40), 0.05, 0.15, 0.0, 0.02);
    Path passwordFile = Files.writeString(pipeline.checkpoints().resolveSibling("pw-crash"), "");

    ChildProcess job = startJob(pipeline, engine, passwordFile, 1);
    CompletableFuture<Void> sending =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < traffic.size(); i += 150) {
                KafkaTestClient.send(
                    pipeline.bootstrapServers(),
                    traffic.subList(i, Math.min(traffic.size(), i + 150)));
                sleep(300);
              }
            });
    try {
      for (int crash = 1; crash <= 2; crash++) {
        long committed = windowBatches(pipeline);
        await()
            .atMost(Duration.ofSeconds(300))
            .until(() -> windowBatches(pipeline) >= committed + 1);
        job.kill();
        assertThat(job.isAlive()).isFalse();
        job = startJob(pipeline, engine, passwordFile, crash + 1);
      }
      sending.get();
      List<Event> events =
          traffic.stream().map(ScriptedTraffic.Sent::event).filter(e -> e != null).toList();
      var expected = Expected.Tables.of(events, LENGTH, SLIDE);
      await()
          .atMost(Duration.ofSeconds(400))
          .pollInterval(Duration.ofSeconds(3))
          .untilAsserted(
              () -> {
                try (Connection c = pipeline.connect()) {
                  expected.assertWritten(c);
                }
              });
    } finally {
      job.stop(Duration.ofSeconds(20));
    }
    String log = Files.readString(job.logFile());
    assertThat(log).contains(StreamingJobMain.READY_LINE);
  }

  private static ChildProcess startJob(
      TestInfrastructure.Pipeline pipeline, WindowEngine engine, Path passwordFile, int run) {
    List<String> command = new ArrayList<>(List.of("env"));
    for (Map.Entry<String, String> e : pipeline.environment().entrySet()) {
      if (!e.getKey().equals("POSTGRES_PASSWORD") && !e.getKey().equals("WINDOW_ENGINE")) {
        command.add(e.getKey() + "=" + e.getValue());
      }
    }
    command.add("WINDOW_ENGINE=" + engine.value());
    command.add("POSTGRES_PASSWORD_FILE=" + passwordFile);
    List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-Djdk.") || arg.startsWith("-Dio.")) {
        jvm.add(arg);
      }
    }
    command.addAll(
        ChildProcess.javaCommand(
            System.getProperty("java.class.path"),
            jvm,
            StreamingJobMain.class.getName(),
            List.of()));
    ChildProcess child =
        ChildProcess.start(
            "streaming-job-" + run,
            command,
            pipeline
                .checkpoints()
                .resolveSibling(pipeline.topics().prefix() + "-job-" + run + ".log"),
            StreamingJobMain.READY_LINE);
    child.awaitReady(Duration.ofSeconds(300));
    return child;
  }

  private static long windowBatches(TestInfrastructure.Pipeline pipeline) throws Exception {
    try (Connection c = pipeline.connect()) {
      return WrittenRows.count(
          c,
          "SELECT count(*) FROM streaming_commits WHERE query_name = '"
              + StreamingJob.WINDOWS_QUERY
              + "' AND row_count > 0");
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
