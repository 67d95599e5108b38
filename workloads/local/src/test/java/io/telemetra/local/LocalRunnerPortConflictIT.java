package io.telemetra.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.embedded.Ports;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged runner refuses to start when a port it needs is taken, before starting anything. */
class LocalRunnerPortConflictIT {

  @TempDir Path dataDir;

  @Test
  void aTakenPortStopsTheRunnerBeforeAnythingStartsAndNamesTheOption() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        RunnerProcess runner =
            RunnerProcess.start(
                "--data-dir=" + dataDir,
                "--kafka-port=" + Ports.free(),
                "--postgres-port=" + taken.getLocalPort(),
                "--api-port=" + Ports.free(),
                "--redis-port=" + Ports.free())) {

      assertThat(runner.process().waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(runner.process().exitValue()).isEqualTo(2);
      assertThat(runner.output())
          .contains("Port " + taken.getLocalPort() + " (PostgreSQL) is already in use")
          .contains("--postgres-port=<port>")
          .contains("Nothing was started.");
      assertThat(Files.exists(dataDir.resolve("postgres"))).isFalse();
      assertThat(Files.exists(dataDir.resolve("kafka"))).isFalse();
    }
  }
}
