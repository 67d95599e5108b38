package io.telemetra.soak.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryTrendTest {

  /** A sample every 10 s for 20 minutes; memory given by the function of the second. */
  private static List<Sample> run(java.util.function.IntFunction<ProcessMemory> memory) {
    List<Sample> samples = new ArrayList<>();
    for (int t = 0; t <= 1200; t += 10) {
      ProcessMemory m = memory.apply(t);
      samples.add(new Sample(t, 0, 0, null, 0, 0, m == null ? Map.of() : Map.of("job", m)));
    }
    return samples;
  }

  @Test
  void aHeapThatKeepsGrowingAfterCollectionsIsATrend() {
    var trend =
        MemoryTrend.of("job", run(t -> new ProcessMemory(7, 100 + t * 0.5, 800 + t * 0.1)), 120);

    assertThat(trend).hasValueSatisfying(m -> assertThat(m.grows()).isTrue());
    assertThat(trend.get().heapMbPerMinute())
        .isCloseTo(30, org.assertj.core.data.Offset.offset(0.5));
  }

  @Test
  void aStepBeforeTheJudgedStretchAndSawtoothGarbageAreNot() {
    var trend =
        MemoryTrend.of(
            "job", run(t -> new ProcessMemory(7, (t < 700 ? 20 : 160) + (t % 60) * 2, 300)), 715);

    assertThat(trend).hasValueSatisfying(m -> assertThat(m.grows()).isFalse());
  }

  @Test
  void aRestartStartsANewStretchSoOnlyTheLastIsJudged() {
    var trend =
        MemoryTrend.of(
            "job",
            run(t -> t < 900 ? new ProcessMemory(7, 100 + t, 800) : new ProcessMemory(8, 100, 800)),
            120);

    assertThat(trend).as("five minutes since the restart at +900 s").isPresent();
    assertThat(trend.get().stretchMinutes())
        .isCloseTo(5, org.assertj.core.data.Offset.offset(0.01));
    assertThat(trend.get().grows()).isFalse();
    assertThat(MemoryTrend.of("job", run(t -> new ProcessMemory(7, 100, 800)), 1000)).isEmpty();
  }
}
