package io.telemetra.api.web;

import java.util.regex.Pattern;

/** A validated stream id: 1-128 characters of [A-Za-z0-9._:-]. */
public final class StreamId {

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

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
