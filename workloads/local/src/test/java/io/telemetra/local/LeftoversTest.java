package io.telemetra.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoversTest {

  @TempDir Path dir;

  @Test
  void processesOfAKilledRunAreStoppedByTheNextRun() throws Exception {
    Process orphan = new ProcessBuilder("sleep", "120").start();
    try {
      Leftovers leftovers = new Leftovers(dir.resolve("processes"));
      leftovers.record(List.of());

      int stopped = new Leftovers(dir.resolve("processes")).stopAll(Duration.ofSeconds(5));

      assertThat(stopped).isGreaterThanOrEqualTo(1);
      assertThat(orphan.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(Files.exists(dir.resolve("processes"))).isFalse();
    } finally {
      orphan.destroyForcibly();
    }
  }

  @Test
  void aRecycledPidWithAnotherStartTimeIsLeftAlone() throws Exception {
    Process stranger = new ProcessBuilder("sleep", "120").start();
    try {
      Files.writeString(dir.resolve("processes"), stranger.pid() + " 12345\n");

      int stopped = new Leftovers(dir.resolve("processes")).stopAll(Duration.ofSeconds(2));

      assertThat(stopped).isZero();
      assertThat(stranger.isAlive()).isTrue();
    } finally {
      stranger.destroyForcibly();
    }
  }

  @Test
  void withoutARecordNothingIsStopped() {
    assertThat(new Leftovers(dir.resolve("processes")).stopAll(Duration.ofSeconds(1))).isZero();
  }
}
