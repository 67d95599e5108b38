package io.telemetra.streaming.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Copies of the checkpoint the job keeps, and the one to go back to.
 *
 * @param keep how many snapshots to keep: the job copies its checkpoint when it starts (before it
 *     runs a batch) and deletes the oldest beyond this many; 0 takes none
 * @param restoreFrom the snapshot to put back in place of the checkpoint before the queries start,
 *     once (a later start with the same value runs on)
 */
public record SnapshotSettings(int keep, Optional<String> restoreFrom) {

  public static final SnapshotSettings NONE = new SnapshotSettings(0, Optional.empty());

  /** What a snapshot id looks like: the UTC time it was taken, {@code 20261207-051200-123}. */
  public static final Pattern ID = Pattern.compile("\\d{8}-\\d{6}-\\d{3}");

  public SnapshotSettings {
    if (keep < 0) {
      throw new IllegalArgumentException("CHECKPOINT_SNAPSHOTS must not be negative: " + keep);
    }
    restoreFrom.ifPresent(
        id -> {
          if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                "CHECKPOINT_RESTORE_FROM must be a snapshot id such as 20261207-051200-123, got '"
                    + id
                    + "'");
          }
        });
  }
}
