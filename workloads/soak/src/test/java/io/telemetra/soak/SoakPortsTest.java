package io.telemetra.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SoakPortsTest {

  @Test
  void portsAreDistinctBelowTheEphemeralRangeAndLeaveRoomForTheKafkaController() {
    for (int i = 0; i < 50; i++) {
      SoakPorts p = SoakPorts.pick();
      Set<Integer> all = Set.of(p.kafka(), p.kafka() + 1, p.postgres(), p.api(), p.redis());

      assertThat(all).hasSize(5).allSatisfy(port -> assertThat(port).isBetween(20_000, 32_000));
    }
  }
}
