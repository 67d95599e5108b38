package io.telemetra.soak.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryProbeTest {

  @Test
  void measuresAnotherJvmsResidentMemoryAndItsHeapAfterItsLastCollection(@TempDir Path dir)
      throws Exception {
    Process holder = startHolder(dir);
    try (MemoryProbe probe = new MemoryProbe()) {
      var memory = measuredJvm(probe, holder);

      assertThat(memory.heapUsedMb())
          .as("40 MB kept alive across the collection")
          .isBetween(40.0, 120.0);
      assertThat(memory.rssMb()).isGreaterThan(memory.heapUsedMb());
    } finally {
      holder.destroyForcibly().waitFor();
    }
  }

  @Test
  void theConnectionToAJvmThatExitedIsClosedAtTheNextMeasurement(@TempDir Path dir)
      throws Exception {
    Process restarted = startHolder(dir);
    Process running = startHolder(dir);
    try (HeapAfterGc heap = new HeapAfterGc()) {
      assertThat(heap.megabytes(restarted.pid())).isPresent();
      assertThat(heap.megabytes(running.pid())).isPresent();
      restarted.destroyForcibly().waitFor();

      heap.megabytes(running.pid());

      assertThat(heap.connectedProcesses()).containsExactly(running.pid());
    } finally {
      restarted.destroyForcibly().waitFor();
      running.destroyForcibly().waitFor();
    }
  }

  /** A JVM holding 40 MB across a collection; returns once it collected. */
  private static Process startHolder(Path dir) throws Exception {
    Path source =
        Files.writeString(
            dir.resolve("Holder.java"),
            "public class Holder { static byte[][] kept = new byte[40][];"
                + " public static void main(String[] a) throws Exception {"
                + " for (int i = 0; i < 40; i++) kept[i] = new byte[1 << 20];"
                + " System.gc(); System.out.println(\"ready\"); Thread.sleep(120_000); } }");
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                source.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(new String(holder.getInputStream().readNBytes(6))).isEqualTo("ready\n");
    return holder;
  }

  private static io.telemetra.soak.report.ProcessMemory measuredJvm(
      MemoryProbe probe, Process jvm) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> probe.measure(jvm.pid(), true), m -> m.isPresent() && m.get().isJvm())
        .orElseThrow();
  }

  @Test
  void aProcessThatIsNotAJvmHasNoHeapAndAFinishedOneNoMemory() throws Exception {
    try (MemoryProbe probe = new MemoryProbe()) {
      Process sleep = new ProcessBuilder("sleep", "30").start();
      var memory = probe.measure(sleep.pid(), false);
      sleep.destroyForcibly().waitFor();

      assertThat(memory).hasValueSatisfying(m -> assertThat(m.isJvm()).isFalse());
      assertThat(memory.get().rssMb()).isPositive();
      assertThat(probe.measure(sleep.pid(), false)).isEmpty();
    }
  }
}
