package io.telemetra.operator.dependent;

import java.time.Instant;

/**
 * The checkpoint resets the streaming job recorded for one pipeline in streaming_checkpoint_resets:
 * how many, and the latest one in words.
 */
public record CheckpointResets(int count, Instant lastDetectedAt, String last) {

  public static final CheckpointResets NONE = new CheckpointResets(0, null, null);
}
