package io.telemetra.producer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What the {@link EventGenerator} generates: how many streams, how fast event time runs and which
 * fractions of the records are deliberately malformed, duplicated, swapped or late.
 *
 * @param seed the same seed (and settings) give byte-identical records
 * @param streams how many simulated streams, at least 1
 * @param ratePerSecond records per second of event time: record {@code i} happens at {@code
 *     eventTimeStart + i / ratePerSecond}
 * @param malformedFraction fraction of records that are deliberately invalid (0..1)
 * @param duplicateFraction fraction of records that re-send an earlier record's exact bytes
 * @param outOfOrderFraction fraction of records swapped with their successor
 * @param lateFraction fraction of records whose ts lies {@code lateBy} in the past
 * @param lateBy how far in the past a late record's ts lies
 * @param eventTimeStart the event time of the first record
 */
public record GeneratorSettings(
    long seed,
    int streams,
    double ratePerSecond,
    double malformedFraction,
    double duplicateFraction,
    double outOfOrderFraction,
    double lateFraction,
    Duration lateBy,
    Instant eventTimeStart) {

  public static final int DEFAULT_STREAMS = 8;
  public static final double DEFAULT_RATE_PER_SECOND = 200;

  public GeneratorSettings {
    if (streams < 1) {
      throw new IllegalArgumentException("streams must be at least 1, got " + streams);
    }
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("ratePerSecond must be positive, got " + ratePerSecond);
    }
    fraction("malformedFraction", malformedFraction);
    fraction("duplicateFraction", duplicateFraction);
    fraction("outOfOrderFraction", outOfOrderFraction);
    fraction("lateFraction", lateFraction);
    if (malformedFraction + duplicateFraction > 1) {
      throw new IllegalArgumentException("malformedFraction + duplicateFraction must not exceed 1");
    }
    if (lateBy == null || lateBy.isNegative()) {
      throw new IllegalArgumentException("lateBy must be zero or positive, got " + lateBy);
    }
    if (eventTimeStart == null) {
      throw new IllegalArgumentException("eventTimeStart is required");
    }
    eventTimeStart = eventTimeStart.truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * Seed 1, {@value #DEFAULT_STREAMS} streams, {@value #DEFAULT_RATE_PER_SECOND} records/s, all
   * records clean, event time starting now (whole seconds). Set {@code eventTimeStart} for
   * reproducible runs.
   */
  public static GeneratorSettings defaults() {
    return new GeneratorSettings(
        1,
        DEFAULT_STREAMS,
        DEFAULT_RATE_PER_SECOND,
        0,
        0,
        0,
        0,
        Duration.ofMinutes(2),
        Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  public GeneratorSettings withSeed(long seed) {
    return new GeneratorSettings(
        seed,
        streams,
        ratePerSecond,
        malformedFraction,
        duplicateFraction,
        outOfOrderFraction,
        lateFraction,
        lateBy,
        eventTimeStart);
  }

  public GeneratorSettings withStreams(int streams) {
    return new GeneratorSettings(
        seed,
        streams,
        ratePerSecond,
        malformedFraction,
        duplicateFraction,
        outOfOrderFraction,
        lateFraction,
        lateBy,
        eventTimeStart);
  }

  public GeneratorSettings withRatePerSecond(double ratePerSecond) {
    return new GeneratorSettings(
        seed,
        streams,
        ratePerSecond,
        malformedFraction,
        duplicateFraction,
        outOfOrderFraction,
        lateFraction,
        lateBy,
        eventTimeStart);
  }

  public GeneratorSettings withMalformedFraction(double malformedFraction) {
    return new GeneratorSettings(
        seed,
        streams,
        ratePerSecond,
        malformedFraction,
        duplicateFraction,
        outOfOrderFraction,
        lateFraction,
        lateBy,
        eventTimeStart);
  }

  public GeneratorSettings withDuplicateFraction(double duplicateFraction) {
    return new GeneratorSettings(
        seed,
        streams,
        ratePerSecond,
        malformedFraction,
        duplicateFraction,
        outOfOrderFraction,
        lateFraction,
        lateBy,
        eventTimeStart);
  }

  public GeneratorSettings withOutOfOrderFraction(double outOfOrderFraction) {
    return new GeneratorSettings(
        seed,
        streams,
        ratePerSecond,
        malformedFraction,
        duplicateFraction,
        outOfOrderFraction,
        lateFraction,
        lateBy,
        eventTimeStart);
  }

  public GeneratorSettings withLateFraction(double lateFraction) {
    return new GeneratorSettings(
        seed,
        streams,
        ratePerSecond,
        malformedFraction,
        duplicateFraction,
        outOfOrderFraction,
        lateFraction,
        lateBy,
        eventTimeStart);
  }

  public GeneratorSettings withLateBy(Duration lateBy) {
    return new GeneratorSettings(
        seed,
        streams,
        ratePerSecond,
        malformedFraction,
        duplicateFraction,
        outOfOrderFraction,
        lateFraction,
        lateBy,
        eventTimeStart);
  }

  public GeneratorSettings withEventTimeStart(Instant eventTimeStart) {
    return new GeneratorSettings(
        seed,
        streams,
        ratePerSecond,
        malformedFraction,
        duplicateFraction,
        outOfOrderFraction,
        lateFraction,
        lateBy,
        eventTimeStart);
  }

  private static void fraction(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
    }
  }
}
