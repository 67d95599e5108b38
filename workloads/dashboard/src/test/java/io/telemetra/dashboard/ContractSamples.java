package io.telemetra.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

/** Builds streams, windows and moments in the wire shape of the API contract. */
final class ContractSamples {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ContractSamples() {}

  static ObjectNode stream(String id, String title, String streamer, String status) {
    return JSON.createObjectNode()
        .put("stream_id", id)
        .put("title", title)
        .put("category", "Just Chatting")
        .put("streamer", streamer)
        .put("status", status)
        .put("status_changed_at", Instant.now().minusSeconds(3600).toString())
        .put("last_event_at", Instant.now().minusSeconds(5).toString())
        .putNull("latest");
  }

  /** A 60-second window starting at {@code start}. */
  static ObjectNode window(
      Instant start, double chatRate, long viewers, double sentiment, String usdRevenue) {
    ObjectNode window =
        JSON.createObjectNode()
            .put("window_start", start.toString())
            .put("window_end", start.plus(Duration.ofSeconds(60)).toString())
            .put("chat_count", Math.round(chatRate))
            .put("chat_rate_per_min", chatRate)
            .put("unique_chatters", Math.round(chatRate / 3))
            .put("sentiment_mean", sentiment)
            .put("positive_count", 10)
            .put("neutral_count", 20)
            .put("negative_count", 5)
            .put("avg_viewers", (double) viewers)
            .put("min_viewers", viewers - 10)
            .put("max_viewers", viewers + 10)
            .put("last_viewers", viewers);
    ArrayNode revenue = window.putArray("revenue");
    if (usdRevenue != null) {
      revenue
          .addObject()
          .put("currency", "USD")
          .put("transaction_count", 3)
          .put("amount_sum", usdRevenue);
    }
    return window;
  }

  static ObjectNode moment(String streamId, Instant start, String kind, double value) {
    return JSON.createObjectNode()
        .put("stream_id", streamId)
        .put("window_start", start.toString())
        .put("window_end", start.plus(Duration.ofSeconds(60)).toString())
        .put("kind", kind)
        .put("score", 4.7)
        .put("value", value)
        .put("baseline_mean", value / 4)
        .put("baseline_stddev", value / 20)
        .put("detected_at", start.plus(Duration.ofSeconds(65)).toString());
  }

  /** The start of the newest complete 10-second slide before now. */
  static Instant currentSlide() {
    long seconds = Instant.now().getEpochSecond();
    return Instant.ofEpochSecond(seconds - seconds % 10).minusSeconds(60);
  }
}
