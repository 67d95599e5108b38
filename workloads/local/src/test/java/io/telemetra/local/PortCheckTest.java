package io.telemetra.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.embedded.Ports;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortCheckTest {

  @Test
  void aPortInUseIsReportedWithTheOptionThatChangesIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      List<String> conflicts =
          PortCheck.ofThisMachine()
              .conflicts(List.of(new PortCheck.PortUse(port, "API and dashboard", "--api-port")));

      assertThat(conflicts)
          .singleElement()
          .asString()
          .contains("Port " + port, "API and dashboard", "already in use", "--api-port=<port>");
    }
  }

  @Test
  void aPortBoundOnAllInterfacesCountsAsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      assertThat(PortCheck.taken(taken.getLocalPort())).isTrue();
    }
  }

  @Test
  void freePortsGiveNoMessage() {
    int port = Ports.free();

    assertThat(
            PortCheck.ofThisMachine()
                .conflicts(List.of(new PortCheck.PortUse(port, "PostgreSQL", "--postgres-port"))))
        .isEmpty();
  }

  @Test
  void everyConflictIsReportedNotJustTheFirst() {
    PortCheck allTaken = new PortCheck(port -> true);

    List<String> conflicts =
        allTaken.conflicts(
            new RunnerSettings(
                    100,
                    5,
                    9092,
                    15432,
                    8080,
                    16379,
                    java.nio.file.Path.of("d"),
                    java.util.Optional.empty(),
                    true,
                    true,
                    java.util.Optional.empty(),
                    2)
                .portUses(true));

    assertThat(conflicts).hasSize(5);
    assertThat(String.join("\n", conflicts))
        .contains("--kafka-port", "--postgres-port", "--api-port", "--redis-port")
        .contains("Port 9093 (Kafka controller, --kafka-port + 1)");
  }
}
