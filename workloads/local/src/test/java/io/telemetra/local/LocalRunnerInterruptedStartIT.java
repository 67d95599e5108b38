package io.telemetra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.telemetra.embedded.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C while the pipeline is still starting stops what has started and what is starting. */
class LocalRunnerInterruptedStartIT {

  @TempDir Path dataDir;

  @Test
  void ctrlCDuringStartUpLeavesNoProcessAndNoPortBehind() throws Exception {
    int kafka = Ports.free();
    int postgres = Ports.free();
    int api = Ports.free();
    int redis = Ports.free();
    try (RunnerProcess runner =
        RunnerProcess.start(
            "--data-dir=" + dataDir,
            "--kafka-port=" + kafka,
            "--postgres-port=" + postgres,
            "--api-port=" + api,
            "--redis-port=" + redis)) {
      await("PostgreSQL up while the rest still starts")
          .atMost(Duration.ofMinutes(3))
          .failFast("runner exited", () -> !runner.process().isAlive())
          .until(() -> runner.output().contains("✓ PostgreSQL"));
      List<ProcessHandle> seen = new ArrayList<>(runner.processTree());
      InfrastructureParts.postmasterPid(dataDir.resolve("postgres"))
          .flatMap(ProcessHandle::of)
          .ifPresent(seen::add);

      runner.terminate(Duration.ofSeconds(30));

      assertThat(runner.output()).contains("Stopping…", "✓ Stopped").doesNotContain("Dashboard:");
      await("every process seen to be gone")
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(seen).noneMatch(ProcessHandle::isAlive));
      assertThat(InfrastructureParts.postmasterPid(dataDir.resolve("postgres"))).isEmpty();
      for (int port : List.of(kafka, kafka + 1, postgres, api, redis)) {
        assertThat(PortCheck.taken(port)).as("port %d still taken", port).isFalse();
      }
    }
  }
}
