package io.telemetra.api.web;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A validated half-open time range [from, to): from before to, at most 7 days long. */
public record TimeRange(Instant from, Instant to) {

  public static final Duration MAX_LENGTH = Duration.ofDays(7);
  public static final Duration DEFAULT_LENGTH = Duration.ofHours(1);

  /**
   * RFC 3339's date-time, which the OpenAPI document promises ({@code format: date-time}): seconds
   * required, any number of fraction digits, 'T' and 'Z' in either case, offsets up to ±23:59.
   * java.time's ISO parser differs on each of these (seconds optional, at most 9 digits, offsets up
   * to ±18:00), so the grammar is matched here and the fields handed to java.time.
   */
  private static final Pattern RFC_3339 =
      Pattern.compile(
          "([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.([0-9]+))?"
              + "(?:([Zz])|([+-])([0-9]{2}):([0-9]{2}))");

  /** Years 0000-9999 in UTC: the instants the API can write back as RFC 3339 in its answers. */
  private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");

  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  /** Declares the {@code from} query parameter of an operation that takes a range. */
  @Target(ElementType.PARAMETER)
  @Retention(RetentionPolicy.RUNTIME)
  @Parameter(
      description =
          "RFC 3339; before 'to' and at most 7 days before it; default: 1 hour before 'to'",
      schema = @Schema(format = "date-time"))
  public @interface FromParam {}

  /** Declares the {@code to} query parameter (exclusive) of an operation that takes a range. */
  @Target(ElementType.PARAMETER)
  @Retention(RetentionPolicy.RUNTIME)
  @Parameter(
      description = "RFC 3339, exclusive; default: now",
      schema = @Schema(format = "date-time"))
  public @interface ToParam {}

  /**
   * Parses optional RFC 3339 bounds; missing {@code to} means now, missing {@code from} means one
   * hour before {@code to}.
   */
  public static TimeRange parse(String from, String to, Clock clock) {
    Instant end = to == null ? clock.instant() : timestamp("to", to);
    Instant start = from == null ? end.minus(DEFAULT_LENGTH) : timestamp("from", from);
    if (!start.isBefore(end)) {
      throw ApiException.invalid("from", "must be before 'to'");
    }
    if (Duration.between(start, end).compareTo(MAX_LENGTH) > 0) {
      throw ApiException.invalid("to", "range must be at most 7 days");
    }
    return new TimeRange(start, end);
  }

  /** Parses optional bounds without a default or a length limit (listing filters). */
  public static Instant optional(String field, String value) {
    return value == null ? null : timestamp(field, value);
  }

  /**
   * Parses an RFC 3339 timestamp such as 2026-11-27T10:15:30Z or 2026-11-27T11:15:30+01:00. An
   * empty value is invalid like any other malformed one: leave the parameter out instead.
   */
  public static Instant timestamp(String field, String value) {
    // An unencoded '+' in a query string arrives as a space.
    Matcher m = RFC_3339.matcher(value.replace(' ', '+'));
    if (!m.matches()) {
      throw invalidTimestamp(field);
    }
    try {
      int second = Integer.parseInt(m.group(6));
      // A leap second (23:59:60) is the instant just after 23:59:59, as java.time counts time.
      LocalDateTime local =
          LocalDateTime.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              second == 60 ? 59 : second,
              nanos(m.group(7)));
      int offsetSeconds = 0;
      if (m.group(8) == null) {
        int hours = Integer.parseInt(m.group(10));
        int minutes = Integer.parseInt(m.group(11));
        if (hours > 23 || minutes > 59) {
          throw invalidTimestamp(field);
        }
        offsetSeconds = ("-".equals(m.group(9)) ? -1 : 1) * (hours * 3600 + minutes * 60);
      }
      Instant instant =
          local
              .toInstant(ZoneOffset.UTC)
              .minusSeconds(offsetSeconds)
              .plusSeconds(second == 60 ? 1 : 0);
      if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
        throw ApiException.invalid(field, "must lie in the years 0000-9999 in UTC");
      }
      return instant;
    } catch (DateTimeException e) {
      throw invalidTimestamp(field);
    }
  }

  /**
   * The first nine fraction digits as nanoseconds; later digits are below java.time's precision.
   */
  private static int nanos(String fraction) {
    if (fraction == null) {
      return 0;
    }
    String nine = (fraction + "000000000").substring(0, 9);
    return Integer.parseInt(nine);
  }

  private static ApiException invalidTimestamp(String field) {
    return ApiException.invalid(
        field, "must be an RFC 3339 timestamp such as 2026-11-27T10:15:30Z");
  }
}
