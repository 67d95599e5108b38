package io.telemetra.api.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetra.api.web.StreamId;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The /ws endpoint: clients send {"type":"subscribe"|"unsubscribe","streams":[...]} and get
 * {"type":"subscribed","streams":[...]} (their whole subscription) back; pushes come from {@link
 * LiveHub}. Malformed messages get {"type":"error","detail":...}.
 */
public class LiveWebSocketHandler extends TextWebSocketHandler {

  /** At most this many streams per client. */
  static final int MAX_STREAMS = 200;

  private final LiveHub hub;
  private final ObjectMapper json;
  private final int sendTimeLimitMillis;
  private final int bufferSizeLimitBytes;
  private final Map<String, Subscriber> bySession = new java.util.concurrent.ConcurrentHashMap<>();

  public LiveWebSocketHandler(
      LiveHub hub, ObjectMapper json, int sendTimeLimitMillis, int bufferSizeLimitBytes) {
    this.hub = hub;
    this.json = json;
    this.sendTimeLimitMillis = sendTimeLimitMillis;
    this.bufferSizeLimitBytes = bufferSizeLimitBytes;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) {
    if (session instanceof NativeWebSocketSession nativeSession) {
      Session tomcat = nativeSession.getNativeSession(Session.class);
      if (tomcat != null) {
        // A blocked write to a stalled client gives up after the send time limit.
        tomcat
            .getUserProperties()
            .put("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT", (long) sendTimeLimitMillis);
      }
    }
    Subscriber subscriber =
        new Subscriber(
            new ConcurrentWebSocketSessionDecorator(
                session,
                sendTimeLimitMillis,
                bufferSizeLimitBytes,
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE));
    bySession.put(session.getId(), subscriber);
    hub.add(subscriber);
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message)
      throws IOException {
    Subscriber subscriber = bySession.get(session.getId());
    if (subscriber == null) {
      return;
    }
    JsonNode node;
    try {
      node = json.readTree(message.getPayload());
    } catch (IOException e) {
      error(subscriber, "message is not JSON");
      return;
    }
    String type = node.path("type").asText("");
    if (!type.equals("subscribe") && !type.equals("unsubscribe")) {
      error(subscriber, "type must be subscribe or unsubscribe");
      return;
    }
    JsonNode list = node.path("streams");
    if (!list.isArray()) {
      error(subscriber, "streams must be an array of stream ids");
      return;
    }
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode id : list) {
      if (!id.isTextual() || !StreamId.isValid(id.asText())) {
        error(subscriber, "invalid stream id: " + abbreviate(id.toString()));
        return;
      }
      ids.add(id.asText());
    }
    if (type.equals("subscribe")) {
      if (subscriber.streams.size() + ids.size() > MAX_STREAMS) {
        error(subscriber, "at most " + MAX_STREAMS + " streams per connection");
        return;
      }
      hub.subscribe(subscriber, ids);
    } else {
      subscriber.streams.removeAll(ids);
    }
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("type", "subscribed");
    reply.put("streams", List.copyOf(new TreeSet<>(subscriber.streams)));
    hub.send(subscriber, List.of(hub.message(reply)));
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    bySession.remove(session.getId());
    hub.remove(session.getId());
  }

  @Override
  public void handleTransportError(WebSocketSession session, Throwable exception) {
    bySession.remove(session.getId());
    hub.remove(session.getId());
  }

  private void error(Subscriber subscriber, String detail) {
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("type", "error");
    reply.put("detail", detail);
    hub.send(subscriber, List.of(hub.message(reply)));
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
