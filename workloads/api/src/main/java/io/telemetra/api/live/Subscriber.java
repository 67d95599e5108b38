package io.telemetra.api.live;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/** One WebSocket client: its send-limited session and the streams it subscribed to. */
final class Subscriber {

  final ConcurrentWebSocketSessionDecorator session;
  final Set<String> streams = ConcurrentHashMap.newKeySet();

  Subscriber(ConcurrentWebSocketSessionDecorator session) {
    this.session = session;
  }

  String id() {
    return session.getId();
  }

  WebSocketSession raw() {
    return session.getDelegate();
  }
}
