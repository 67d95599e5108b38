package io.telemetra.streaming.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telemetra.schema.Notifications;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * The NOTIFY sent with each committed batch: {@code {"batch_id": 42, "streams": ["s1"], "moments":
 * 1}}, with {@code streams} null when the list would not fit in the payload limit. Sent inside the
 * batch's transaction, so listeners hear of it only once it committed.
 */
public final class UpdateNotification {

  private static final ObjectMapper JSON = new ObjectMapper();

  private UpdateNotification() {}

  public static String payload(long batchId, Collection<String> streams, int moments) {
    ObjectNode root = JSON.createObjectNode();
    root.put("batch_id", batchId);
    ArrayNode list = root.putArray("streams");
    streams.forEach(list::add);
    root.put("moments", moments);
    String text = root.toString();
    if (text.getBytes(StandardCharsets.UTF_8).length > Notifications.MAX_PAYLOAD_BYTES) {
      root.putNull("streams");
      text = root.toString();
    }
    return text;
  }

  public static void send(Connection c, String payload) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      s.setString(1, Notifications.CHANNEL);
      s.setString(2, payload);
      s.execute();
    }
  }
}
