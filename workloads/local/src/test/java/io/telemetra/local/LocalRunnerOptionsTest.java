package io.telemetra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LocalRunnerOptionsTest {

  private static RunnerSettings parse(String... args) {
    LocalRunnerMain main = new LocalRunnerMain();
    new CommandLine(main).parseArgs(args);
    return main.settings();
  }

  @Test
  void withoutOptionsTheRunnerUsesModerateDefaultsAndNonClashingPorts() {
    RunnerSettings s = parse();

    assertThat(s.rate()).isEqualTo(100);
    assertThat(s.streams()).isEqualTo(5);
    assertThat(s.kafkaPort()).isEqualTo(9092);
    assertThat(s.kafkaControllerPort()).isEqualTo(9093);
    assertThat(s.postgresPort()).isEqualTo(15432);
    assertThat(s.apiPort()).isEqualTo(8080);
    assertThat(s.dataDir()).isEqualTo(Path.of(".telemetra"));
    assertThat(s.duration()).isEmpty();
    assertThat(s.producer()).isTrue();
    assertThat(s.redis()).isTrue();
    assertThat(s.token()).isEmpty();
  }

  @Test
  void everyOptionReachesTheSettings() {
    RunnerSettings s =
        parse(
            "--rate=20",
            "--streams",
            "3",
            "--kafka-port=19092",
            "--postgres-port=25432",
            "--api-port=18080",
            "--redis-port=26379",
            "--data-dir=/tmp/x",
            "--duration=2m",
            "--no-producer",
            "--no-redis",
            "--token=abc",
            "--partitions=1");

    assertThat(s.rate()).isEqualTo(20);
    assertThat(s.streams()).isEqualTo(3);
    assertThat(s.kafkaPort()).isEqualTo(19092);
    assertThat(s.postgresPort()).isEqualTo(25432);
    assertThat(s.apiPort()).isEqualTo(18080);
    assertThat(s.redisPort()).isEqualTo(26379);
    assertThat(s.dataDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(s.duration()).contains(Duration.ofMinutes(2));
    assertThat(s.producer()).isFalse();
    assertThat(s.redis()).isFalse();
    assertThat(s.token()).contains("abc");
    assertThat(s.partitions()).isEqualTo(1);
  }

  @Test
  void invalidValuesAreRejectedNamingTheOption() {
    assertThatThrownBy(() -> parse("--rate=0")).hasMessageContaining("--rate must be at least 1");
    assertThatThrownBy(() -> parse("--streams=-1")).hasMessageContaining("--streams");
    assertThatThrownBy(() -> parse("--api-port=70000")).hasMessageContaining("--api-port");
    assertThatThrownBy(() -> parse("--duration=0s")).hasMessageContaining("--duration");
  }

  @Test
  void portsThatCollideAreRejectedIncludingTheControllerNextToKafka() {
    assertThatThrownBy(() -> parse("--api-port=9093"))
        .hasMessageContaining("the ports must differ")
        .hasMessageContaining("--kafka-port + 1");
  }

  @Test
  void aBadOptionExitsWithCodeTwoAndAMessage() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new LocalRunnerMain()).setErr(new PrintWriter(err));

    int code = cli.execute("--rate=fast");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--rate").contains("fast");
  }

  @Test
  void helpListsEveryOption() {
    String usage = new CommandLine(new LocalRunnerMain()).getUsageMessage();

    assertThat(usage)
        .contains("--rate", "--streams", "--no-producer", "--duration", "--data-dir")
        .contains("--kafka-port", "--postgres-port", "--api-port", "--redis-port", "--token");
  }
}
