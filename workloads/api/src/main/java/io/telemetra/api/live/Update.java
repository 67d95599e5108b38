package io.telemetra.api.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetra.api.web.StreamId;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What one or more NOTIFYs on telemetra_updates said changed: the micro-batches that committed, and
 * the streams they touched ({@code allStreams} when a payload named none or was unreadable).
 */
public record Update(Set<Long> batchIds, Set<String> streams, boolean allStreams, int moments) {

  /** Parses one payload {@code {"batch_id":n,"streams":[...]|null,"moments":k}}. */
  public static Update parse(ObjectMapper json, String payload) {
    try {
      JsonNode node = json.readTree(payload == null ? "" : payload);
      if (node == null || !node.isObject()) {
        return everything();
      }
      Set<Long> batches = new LinkedHashSet<>();
      if (node.path("batch_id").canConvertToLong()) {
        batches.add(node.path("batch_id").asLong());
      }
      JsonNode streams = node.path("streams");
      Set<String> ids = new LinkedHashSet<>();
      boolean all = !streams.isArray();
      if (streams.isArray()) {
        for (JsonNode id : streams) {
          if (id.isTextual() && StreamId.isValid(id.asText())) {
            ids.add(id.asText());
          }
        }
      }
      return new Update(batches, ids, all, node.path("moments").asInt(0));
    } catch (java.io.IOException e) {
      return everything();
    }
  }

  /** "Anything may have changed" (an unreadable payload, or a LISTEN reconnect). */
  public static Update everything() {
    return new Update(Set.of(), Set.of(), true, 0);
  }

  /** Several updates as one. */
  public static Update merge(Collection<Update> updates) {
    Set<Long> batches = new LinkedHashSet<>();
    Set<String> streams = new LinkedHashSet<>();
    boolean all = false;
    int moments = 0;
    for (Update u : updates) {
      batches.addAll(u.batchIds());
      streams.addAll(u.streams());
      all |= u.allStreams();
      moments += u.moments();
    }
    return new Update(batches, streams, all, moments);
  }
}
