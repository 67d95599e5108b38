package io.telemetra.api.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** A validated half-open time range [from, to): from before to, at most 7 days long. */
public record TimeRange(Instant from, Instant to) {

  public static final Duration MAX_LENGTH = Duration.ofDays(7);
  public static final Duration DEFAULT_LENGTH = Duration.ofHours(1);

  /**
   * Parses optional RFC 3339 bounds; missing {@code to} means now, missing {@code from} means one
   * hour before {@code to}.
   */
  public static TimeRange parse(String from, String to, Clock clock) {
    Instant end = to == null || to.isBlank() ? clock.instant() : timestamp("to", to);
    Instant start =
        from == null || from.isBlank() ? end.minus(DEFAULT_LENGTH) : timestamp("from", from);
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
    return value == null || value.isBlank() ? null : timestamp(field, value);
  }

  /** Parses an RFC 3339 timestamp such as 2026-11-27T10:15:30Z or 2026-11-27T11:15:30+01:00. */
  public static Instant timestamp(String field, String value) {
    // An unencoded '+' in a query string arrives as a space.
    String text = value.strip().replace(' ', '+');
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(
          field, "must be an RFC 3339 timestamp such as 2026-11-27T10:15:30Z");
    }
  }
}
