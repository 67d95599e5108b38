package io.telemetra.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (java.net.http) that records every message it receives. */
public final class LiveClient implements WebSocket.Listener, AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final StringBuilder partial = new StringBuilder();
  private volatile boolean closed;
  private volatile java.util.function.Consumer<JsonNode> onMessage = m -> {};
  private WebSocket socket;

  private LiveClient() {}

  /** Connects to ws://127.0.0.1:port/ws?access_token=token. */
  public static LiveClient connect(HttpClient http, int port, String token) {
    LiveClient client = new LiveClient();
    client.socket =
        http.newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws?access_token=" + token), client)
            .orTimeout(20, TimeUnit.SECONDS)
            .join();
    return client;
  }

  public void send(String text) {
    socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
  }

  public void subscribe(String... streams) {
    try {
      send(
          JSON.writeValueAsString(
              java.util.Map.of("type", "subscribe", "streams", List.of(streams))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<JsonNode> received() {
    return new ArrayList<>(received);
  }

  public List<JsonNode> received(Predicate<JsonNode> filter) {
    return received.stream().filter(filter).toList();
  }

  /** Also hands each message to {@code consumer} as it arrives (on the client's thread). */
  public void onMessage(java.util.function.Consumer<JsonNode> consumer) {
    this.onMessage = consumer;
  }

  public boolean isClosed() {
    return closed;
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      try {
        JsonNode message = JSON.readTree(partial.toString());
        received.add(message);
        onMessage.accept(message);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed = true;
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed = true;
  }

  @Override
  public void close() {
    if (!closed) {
      socket.abort();
    }
  }
}
