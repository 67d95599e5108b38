package io.telemetra.truth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventIdSetTest {

  @Test
  void remembersEveryIdAcrossGrowthAndRefusesRepeats() {
    EventIdSet set = new EventIdSet();
    int n = 300_000;
    for (int i = 0; i < n; i++) {
      assertThat(set.add("evt-" + i)).isTrue();
    }
    int repeatsRefused = 0;
    for (int i = 0; i < n; i += 7) {
      repeatsRefused += set.add("evt-" + i) ? 0 : 1;
    }

    assertThat(set.size()).isEqualTo(n);
    assertThat(repeatsRefused).isEqualTo((n + 6) / 7);
    assertThat(set.add("evt-" + n)).isTrue();
  }
}
