package io.telemetra.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.embedded.Ports;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Without a broker the runnable jar says so in one line and exits 2: no stack-trace loop. */
class ProducerMissingBrokerIT {

  @Test
  void aMissingBrokerGivesOneClearLineAndExitCodeTwo() throws Exception {
    String address = "127.0.0.1:" + Ports.free();
    Process process =
        new ProcessBuilder(
                ProducerIT.javaBinary(),
                "-Xmx256m",
                "-jar",
                RunnableJar.path().toString(),
                "--bootstrap-servers",
                address,
                "--connect-timeout",
                "3s")
            .start();

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(out).isEmpty();
    assertThat(err.lines().toList())
        .singleElement()
        .asString()
        .isEqualTo("cannot reach Kafka at " + address + ": no answer within 3.0 s");
  }

  @Test
  void anUnresolvableBrokerAddressIsReportedTheSameWay() throws Exception {
    Process process =
        new ProcessBuilder(
                ProducerIT.javaBinary(),
                "-Xmx256m",
                "-jar",
                RunnableJar.path().toString(),
                "--bootstrap-servers",
                "kafka.invalid:9092")
            .start();

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(err.lines().toList())
        .singleElement()
        .asString()
        .startsWith("cannot reach Kafka at kafka.invalid:9092: ");
  }

  @Test
  void theJarPrintsItsUsage() throws Exception {
    Process process =
        new ProcessBuilder(ProducerIT.javaBinary(), "-jar", RunnableJar.path().toString(), "--help")
            .start();

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).isZero();
    assertThat(out)
        .contains("--bootstrap-servers", "--rate", "--malformed-fraction", "PRODUCER_SEED");
  }
}
