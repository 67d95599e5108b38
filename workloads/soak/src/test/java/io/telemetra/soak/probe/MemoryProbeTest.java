package io.telemetra.soak.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryProbeTest {

  @Test
  void heapInUseIsSurvivorEdenAndOldGenerationOfJstat() {
    String jstat =
        "    S0C         S1C         S0U         S1U          EC           EU           OC"
            + "           OU          MC         MU       CCSC      CCSU     YGC     YGCT\n"
            + "        0.0      8192.0         0.0      5436.3     204800.0      45056.0"
            + "     266240.0      17457.0    16640.0    16464.0    1984.0    1908.4      7     0.118\n";

    assertThat(MemoryProbe.parseHeapUsedKb(jstat)).isEqualTo(5436.3 + 45056.0 + 17457.0);
  }

  @Test
  void unreadableOutputIsNotANumber() {
    assertThat(MemoryProbe.parseHeapUsedKb("12345 not found")).isNaN();
  }

  @Test
  void measuresThisJvm() {
    var memory = new MemoryProbe().measure(ProcessHandle.current().pid(), true);

    assertThat(memory).isPresent();
    assertThat(memory.get().rssMb()).isGreaterThan(10);
    assertThat(memory.get().heapUsedMb()).isGreaterThan(1);
  }
}
