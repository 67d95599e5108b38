package io.telemetra.api.web;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/** A validated stream id: 1-128 characters of [A-Za-z0-9._:-]. */
public final class StreamId {

  /** The whole rule, anchored because JSON Schema patterns match anywhere in a value. */
  public static final String PATTERN = "^[A-Za-z0-9._:-]{1,128}$";

  public static final int MAX_LENGTH = 128;

  private static final Pattern VALID = Pattern.compile(PATTERN);

  /** Declares a stream id parameter (path or query) with the rule {@link #require} enforces. */
  @Target(ElementType.PARAMETER)
  @Retention(RetentionPolicy.RUNTIME)
  @Parameter(
      description = "1-128 characters of A-Z a-z 0-9 . _ : -",
      schema = @Schema(pattern = PATTERN, minLength = 1, maxLength = MAX_LENGTH))
  public @interface Param {}

  private StreamId() {}

  /** True if {@code value} is a well-formed stream id. */
  public static boolean isValid(String value) {
    return value != null && VALID.matcher(value).matches();
  }

  /** Returns {@code value} if well-formed, else throws a 400 naming {@code field}. */
  public static String require(String field, String value) {
    if (!isValid(value)) {
      throw ApiException.invalid(field, "must be 1-128 characters of A-Z a-z 0-9 . _ : -");
    }
    return value;
  }
}
