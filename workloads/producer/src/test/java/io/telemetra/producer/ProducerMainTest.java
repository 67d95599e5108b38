package io.telemetra.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProducerMainTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--malformed-fraction 1.5 | malformedFraction must be between 0 and 1",
        "--streams 0              | streams must be at least 1",
        "--rate -5                | --rate must be 0 (as fast as possible) or a positive number",
        "--topic-prefix a/b       | Topic prefix",
        "--count -1               | --count must not be negative",
        "--rate fast              | '--rate': 'fast' is not a double",
        "--no-such-option         | Unknown option: '--no-such-option'"
      })
  void invalidOptionsAreRefusedBeforeContactingKafka(String args, String message) {
    StringWriter err = new StringWriter();

    int code =
        ProducerMain.run(
            (args + " --bootstrap-servers 127.0.0.1:1").split(" "),
            Map.of(),
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true),
            false);

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains(message).doesNotContain("cannot reach Kafka");
  }

  @Test
  void aBadEnvironmentValueIsRefusedLikeABadOption() {
    StringWriter err = new StringWriter();

    int code =
        ProducerMain.run(
            new String[] {"--bootstrap-servers", "127.0.0.1:1"},
            Map.of("PRODUCER_STREAMS", "many"),
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true),
            false);

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("'--streams': 'many' is not an int");
  }
}
