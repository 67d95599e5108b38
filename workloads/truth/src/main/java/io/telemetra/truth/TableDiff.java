package io.telemetra.truth;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One table compared with its ground truth: how many rows each side has, and a few of the rows that
 * are missing from the table or should not be there.
 */
public record TableDiff(
    String table, int expected, int actual, int missing, int unexpected, List<String> examples) {

  private static final int EXAMPLES = 5;

  public static <T> TableDiff of(String table, Set<T> expected, Set<T> actual) {
    Set<T> missing = new HashSet<>(expected);
    missing.removeAll(actual);
    Set<T> unexpected = new HashSet<>(actual);
    unexpected.removeAll(expected);
    List<String> examples =
        java.util.stream.Stream.concat(
                missing.stream().limit(EXAMPLES).map(r -> "missing:    " + r),
                unexpected.stream().limit(EXAMPLES).map(r -> "unexpected: " + r))
            .toList();
    return new TableDiff(
        table, expected.size(), actual.size(), missing.size(), unexpected.size(), examples);
  }

  public boolean equal() {
    return missing == 0 && unexpected == 0;
  }
}
