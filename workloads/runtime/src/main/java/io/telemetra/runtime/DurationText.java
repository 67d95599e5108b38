package io.telemetra.runtime;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Durations as people write them on a command line: seconds ({@code 90}, {@code 1.5}), a number
 * with a unit ({@code 500ms}, {@code 90s}, {@code 5m}, {@code 2h}) or ISO-8601 ({@code PT1M30S}).
 * The one syntax every Telemetra command accepts (producer, local runner, soak).
 */
public final class DurationText {

  /** The accepted forms, for error messages and help texts. */
  public static final String FORMS = "seconds (90, 1.5) or 500ms, 90s, 5m, 2h, PT1M30S";

  private static final Pattern NUMBER_AND_UNIT =
      Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(ms|s|m|h)?");

  private DurationText() {}

  /**
   * Reads {@code text}; rounds to the millisecond.
   *
   * @throws IllegalArgumentException naming the accepted forms, for anything else (negative
   *     durations included)
   */
  public static Duration parse(String text) {
    String v = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    Matcher m = NUMBER_AND_UNIT.matcher(v);
    if (m.matches()) {
      double millisPerUnit =
          switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> 1;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 1_000;
          };
      return Duration.ofMillis(Math.round(Double.parseDouble(m.group(1)) * millisPerUnit));
    }
    if (v.startsWith("p")) {
      try {
        Duration iso = Duration.parse(v.toUpperCase(Locale.ROOT));
        if (!iso.isNegative()) {
          return iso;
        }
      } catch (DateTimeParseException e) {
        // reported below with the accepted forms
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a duration: write " + FORMS);
  }

  /** {@link #parse} for picocli options: {@code converter = DurationText.Converter.class}. */
  public static final class Converter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
