package io.telemetra.schema;

/**
 * The Postgres LISTEN/NOTIFY contract between the streaming job (which notifies after each
 * committed batch) and the API (which listens and pushes to WebSocket clients).
 *
 * <p>Payload: a JSON object {@code {"batch_id": 42, "streams": ["s1", "s2"], "moments": 1}}. {@code
 * streams} lists the streams whose windows changed; it is {@code null} when the list would not fit
 * in {@link #MAX_PAYLOAD_BYTES}, meaning "any stream may have changed".
 */
public final class Notifications {

  /** The channel the streaming job NOTIFYs after each committed batch. */
  public static final String CHANNEL = "telemetra_updates";

  /** Postgres rejects payloads of 8000 bytes or more; stay well below. */
  public static final int MAX_PAYLOAD_BYTES = 7000;

  private Notifications() {}
}
