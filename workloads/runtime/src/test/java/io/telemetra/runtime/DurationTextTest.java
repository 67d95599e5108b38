package io.telemetra.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class DurationTextTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "90, PT1M30S",
    "1.5, PT1.5S",
    "90s, PT1M30S",
    "1.5s, PT1.5S",
    "' 5 m ', PT5M",
    "5M, PT5M",
    "2h, PT2H",
    "500ms, PT0.5S",
    "PT1M30S, PT1M30S",
    "pt20m, PT20M",
    "0, PT0S"
  })
  void readsSecondsNumbersWithAUnitAndIso8601(String text, String expected) {
    assertThat(DurationText.parse(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "5 minutes", "", "m", "-5s", "PT-5S", "1d", "1.2.3s"})
  void refusesAnythingElseNamingTheAcceptedForms(String text) {
    assertThatThrownBy(() -> DurationText.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "' is not a duration")
        .hasMessageContaining(DurationText.FORMS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "-1"})
  void thePicocliConverterReportsATypeConversionError(String text) {
    assertThatThrownBy(() -> new DurationText.Converter().convert(text))
        .isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessageContaining(DurationText.FORMS);
  }
}
