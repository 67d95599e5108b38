package io.telemetra.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A stand-in for the Telemetra API that speaks the REST and WebSocket contract from memory and
 * serves the built dashboard from the classpath, as the API jar does.
 */
public final class TestingContractServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String token;
  private final Server server;
  private final Map<String, ObjectNode> streams = new LinkedHashMap<>();
  private final Map<String, List<ObjectNode>> points = new LinkedHashMap<>();
  private final List<ObjectNode> moments = new ArrayList<>();
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final List<String> clientMessages = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger failuresLeft =
      new java.util.concurrent.atomic.AtomicInteger();

  private TestingContractServer(String token) {
    this.token = token;
    this.server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ContextHandler context = new ContextHandler("/");
    WebSocketUpgradeHandler webSockets =
        WebSocketUpgradeHandler.from(
            server,
            context,
            container ->
                container.addMapping(
                    "/ws",
                    (request, response, callback) -> {
                      String given =
                          Request.extractQueryParameters(request).getValue("access_token");
                      if (!token.equals(given)) {
                        Response.writeError(request, response, callback, 401);
                        return null;
                      }
                      return new Subscriber();
                    }));
    webSockets.setHandler(new HttpHandler());
    context.setHandler(webSockets);
    server.setHandler(context);
  }

  static TestingContractServer start(String token) throws Exception {
    TestingContractServer server = new TestingContractServer(token);
    server.server.start();
    return server;
  }

  URI baseUri() {
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /** Adds or replaces a stream without telling anyone. */
  synchronized void putStream(ObjectNode stream) {
    streams.put(stream.get("stream_id").asText(), stream);
  }

  /** Adds a window to a stream's history without pushing it. */
  synchronized void putWindow(String streamId, ObjectNode window) {
    List<ObjectNode> series = points.computeIfAbsent(streamId, id -> new ArrayList<>());
    series.removeIf(p -> p.get("window_start").equals(window.get("window_start")));
    series.add(window);
    series.sort(Comparator.comparing(p -> Instant.parse(p.get("window_start").asText())));
    ObjectNode stream = streams.get(streamId);
    if (stream != null) {
      ObjectNode latest = window.deepCopy();
      latest.put("stream_id", streamId);
      stream.set("latest", latest);
    }
  }

  synchronized void putMoment(ObjectNode moment) {
    moments.add(moment);
  }

  /** Stores a window and pushes it to the stream's subscribers, as after a NOTIFY. */
  void publishWindow(String streamId, ObjectNode window) {
    putWindow(streamId, window);
    ObjectNode message = JSON.createObjectNode().put("type", "window").put("stream_id", streamId);
    message.set("window", window);
    push(streamId, message);
  }

  void publishMoment(ObjectNode moment) {
    putMoment(moment);
    ObjectNode message = JSON.createObjectNode().put("type", "moment");
    message.set("moment", moment);
    push(moment.get("stream_id").asText(), message);
  }

  void publishStream(ObjectNode stream) {
    putStream(stream);
    ObjectNode message = JSON.createObjectNode().put("type", "stream");
    message.set("stream", stream);
    push(stream.get("stream_id").asText(), message);
  }

  /** Answers the next {@code count} REST calls with 503, as an overloaded server would. */
  void failNextRequests(int count) {
    failuresLeft.set(count);
  }

  /** Cuts every WebSocket connection, as a restarting server would. */
  void dropConnections() {
    subscribers.forEach(s -> s.session.disconnect());
  }

  /** Streams some connected client is subscribed to. */
  Set<String> subscribedStreams() {
    Set<String> all = ConcurrentHashMap.newKeySet();
    subscribers.forEach(s -> all.addAll(s.streams));
    return all;
  }

  int connections() {
    return subscribers.size();
  }

  List<String> clientMessages() {
    return List.copyOf(clientMessages);
  }

  private void push(String streamId, ObjectNode message) {
    String text = message.toString();
    subscribers.stream()
        .filter(s -> s.streams.contains(streamId))
        .forEach(s -> s.session.sendText(text, org.eclipse.jetty.websocket.api.Callback.NOOP));
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  /** One dashboard's WebSocket and the streams it subscribed to. */
  public final class Subscriber implements Session.Listener.AutoDemanding {
    private final Set<String> streams = ConcurrentHashMap.newKeySet();
    private Session session;

    @Override
    public void onWebSocketOpen(Session session) {
      this.session = session;
      subscribers.add(this);
    }

    @Override
    public void onWebSocketText(String text) {
      clientMessages.add(text);
      try {
        JsonNode message = JSON.readTree(text);
        List<String> ids = new ArrayList<>();
        message.path("streams").forEach(id -> ids.add(id.asText()));
        String type = message.path("type").asText();
        if (type.equals("subscribe")) {
          streams.addAll(ids);
          ObjectNode reply = JSON.createObjectNode().put("type", "subscribed");
          reply.set("streams", JSON.valueToTree(streams));
          session.sendText(reply.toString(), org.eclipse.jetty.websocket.api.Callback.NOOP);
        } else if (type.equals("unsubscribe")) {
          ids.forEach(streams::remove);
        }
      } catch (IOException e) {
        session.close(1003, "not JSON", org.eclipse.jetty.websocket.api.Callback.NOOP);
      }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
      subscribers.remove(this);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      subscribers.remove(this);
    }
  }

  /** REST under /api/v1 (bearer token required) and the dashboard's static files. */
  private final class HttpHandler extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      String path = Request.getPathInContext(request);
      if (!path.startsWith("/api/")) {
        return serveStatic(path, response, callback);
      }
      String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
      if (!("Bearer " + token).equals(auth)) {
        return problem(
            response, callback, 401, "Unauthorized", "A valid bearer token is required.");
      }
      if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return problem(response, callback, 503, "Service Unavailable", "Try again later.");
      }
      Fields query = Request.extractQueryParameters(request);
      String[] parts = path.substring("/api/v1/".length()).split("/");
      synchronized (TestingContractServer.this) {
        if (parts.length == 1 && parts[0].equals("streams")) {
          ArrayNode items = JSON.createArrayNode();
          streams.values().forEach(items::add);
          return json(response, callback, page(items));
        }
        if (parts.length >= 2 && parts[0].equals("streams")) {
          ObjectNode stream = streams.get(parts[1]);
          if (stream == null) {
            return problem(response, callback, 404, "Not Found", "Unknown stream " + parts[1]);
          }
          if (parts.length == 2) {
            return json(response, callback, stream);
          }
          if (parts.length == 3 && parts[2].equals("metrics")) {
            Instant from = Instant.parse(query.getValue("from"));
            Instant to = Instant.parse(query.getValue("to"));
            ArrayNode series = JSON.createArrayNode();
            points.getOrDefault(parts[1], List.of()).stream()
                .filter(p -> inRange(p, from, to))
                .forEach(series::add);
            ObjectNode body = JSON.createObjectNode().put("stream_id", parts[1]);
            body.put("from", from.toString()).put("to", to.toString()).set("points", series);
            return json(response, callback, body);
          }
        }
        if (parts.length == 1 && parts[0].equals("moments")) {
          String streamId = query.getValue("stream_id");
          Instant from = Instant.parse(query.getValue("from"));
          ArrayNode items = JSON.createArrayNode();
          moments.stream()
              .filter(m -> streamId == null || streamId.equals(m.get("stream_id").asText()))
              .filter(m -> !Instant.parse(m.get("window_start").asText()).isBefore(from))
              .sorted(
                  Comparator.comparing(
                          (ObjectNode m) -> Instant.parse(m.get("window_start").asText()))
                      .reversed())
              .forEach(items::add);
          return json(response, callback, page(items));
        }
      }
      return problem(response, callback, 404, "Not Found", "No such resource " + path);
    }

    private boolean inRange(ObjectNode point, Instant from, Instant to) {
      Instant start = Instant.parse(point.get("window_start").asText());
      return !start.isBefore(from) && !start.isAfter(to);
    }

    private ObjectNode page(ArrayNode items) {
      ObjectNode page = JSON.createObjectNode();
      page.set("items", items);
      return page.put("page", 0).put("size", 200).put("total", items.size());
    }

    private boolean serveStatic(String path, Response response, Callback callback)
        throws IOException {
      String file = path.equals("/") ? "/index.html" : path;
      if (file.contains("..")) {
        return problem(response, callback, 400, "Bad Request", "Bad path");
      }
      try (InputStream in =
          TestingContractServer.class.getResourceAsStream("/META-INF/resources" + file)) {
        if (in == null) {
          return problem(response, callback, 404, "Not Found", "No file " + file);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType(file));
        response.write(true, ByteBuffer.wrap(in.readAllBytes()), callback);
        return true;
      }
    }

    private String contentType(String file) {
      if (file.endsWith(".html")) return "text/html; charset=utf-8";
      if (file.endsWith(".js")) return "text/javascript; charset=utf-8";
      if (file.endsWith(".css")) return "text/css; charset=utf-8";
      if (file.endsWith(".svg")) return "image/svg+xml";
      return "application/octet-stream";
    }

    private boolean json(Response response, Callback callback, JsonNode body) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.write(
          true, ByteBuffer.wrap(body.toString().getBytes(StandardCharsets.UTF_8)), callback);
      return true;
    }

    private boolean problem(
        Response response, Callback callback, int status, String title, String detail) {
      ObjectNode body =
          JSON.createObjectNode()
              .put("type", "about:blank")
              .put("title", title)
              .put("status", status)
              .put("detail", detail);
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
      response.write(
          true, ByteBuffer.wrap(body.toString().getBytes(StandardCharsets.UTF_8)), callback);
      return true;
    }
  }
}
