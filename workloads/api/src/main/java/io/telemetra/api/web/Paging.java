package io.telemetra.api.web;

/** A validated page request: page 0..100000, size 1..200. */
public record Paging(int page, int size) {

  public static final int MAX_SIZE = 200;
  public static final int MAX_PAGE = 100_000;

  /** Validates {@code page} and {@code size}; a bad value is a 400. */
  public static Paging of(int page, int size) {
    if (page < 0 || page > MAX_PAGE) {
      throw ApiException.invalid("page", "must be between 0 and " + MAX_PAGE);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw ApiException.invalid("size", "must be between 1 and " + MAX_SIZE);
    }
    return new Paging(page, size);
  }

  public long offset() {
    return (long) page * size;
  }
}
