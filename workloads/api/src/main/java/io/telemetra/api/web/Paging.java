package io.telemetra.api.web;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/** A validated page request: page 0..100000, size 1..200. */
public record Paging(int page, int size) {

  public static final int MAX_SIZE = 200;
  public static final int MAX_PAGE = 100_000;
  public static final int DEFAULT_SIZE = 50;

  /**
   * A whole number as clients write it. Spring's own conversion would also take " 5", "0x10" or
   * "1,2" (a repeated parameter); the OpenAPI document says integer, so those are 400s.
   */
  private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");

  /** Declares a {@code page} query parameter with the bounds {@link #parse} enforces. */
  @Target(ElementType.PARAMETER)
  @Retention(RetentionPolicy.RUNTIME)
  @Parameter(
      description = "zero-based page number",
      schema =
          @Schema(
              implementation = Integer.class,
              minimum = "0",
              maximum = "" + MAX_PAGE,
              defaultValue = "0"))
  public @interface PageParam {}

  /** Declares a {@code size} query parameter with the bounds {@link #parse} enforces. */
  @Target(ElementType.PARAMETER)
  @Retention(RetentionPolicy.RUNTIME)
  @Parameter(
      description = "items per page",
      schema =
          @Schema(
              implementation = Integer.class,
              minimum = "1",
              maximum = "" + MAX_SIZE,
              defaultValue = "" + DEFAULT_SIZE))
  public @interface SizeParam {}

  /** Validates {@code page} and {@code size}; a bad value is a 400. */
  private static Paging of(int page, int size) {
    if (page < 0 || page > MAX_PAGE) {
      throw ApiException.invalid("page", "must be between 0 and " + MAX_PAGE);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw ApiException.invalid("size", "must be between 1 and " + MAX_SIZE);
    }
    return new Paging(page, size);
  }

  /**
   * Parses the query parameters as sent: absent means the default (page 0, size 50); anything but a
   * whole number in range, an empty value included, is a 400.
   */
  public static Paging parse(String page, String size) {
    return of(wholeNumber("page", page, 0), wholeNumber("size", size, DEFAULT_SIZE));
  }

  private static int wholeNumber(String field, String value, int absent) {
    if (value == null) {
      return absent;
    }
    if (!WHOLE_NUMBER.matcher(value).matches()) {
      throw ApiException.invalid(field, "must be a whole number");
    }
    long number;
    try {
      number = Long.parseLong(value);
    } catch (NumberFormatException beyondLong) {
      number = value.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    // Beyond int is beyond every bound here: clamp, so that of() names the bounds.
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, number));
  }

  public long offset() {
    return (long) page * size;
  }
}
