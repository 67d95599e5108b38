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
    try (MemoryProbe probe = new MemoryProbe()) {
      assertThat(new String(holder.getInputStream().readNBytes(6))).isEqualTo("ready\n");

      var memory =
          Awaitility.await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> probe.measure(holder.pid(), true), m -> m.isPresent() && m.get().isJvm())
              .orElseThrow();

      assertThat(memory.heapUsedMb())
          .as("40 MB kept alive across the collection")
          .isBetween(40.0, 120.0);
      assertThat(memory.rssMb()).isGreaterThan(memory.heapUsedMb());
    } finally {
      holder.destroyForcibly().waitFor();
    }
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
