package io.telemetra.local;

import io.telemetra.embedded.RedisServer;
import io.telemetra.runtime.RedisConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Which cache the local API uses: a Redis that already answers on REDIS_HOST/REDIS_PORT, else a
 * redis-server the runner starts from the installed binary, else the API's in-process cache.
 */
public record CacheChoice(Kind kind, String host, int port, String reason) {

  /** The three possibilities, in order of preference. */
  public enum Kind {
    EXISTING_REDIS,
    STARTED_REDIS,
    IN_PROCESS
  }

  /** Decides, probing the network and the file system. */
  public static CacheChoice decide(Map<String, String> env, boolean redisWanted, int ownRedisPort) {
    return decide(
        env, redisWanted, ownRedisPort, CacheChoice::answersPing, RedisServer.executable());
  }

  static CacheChoice decide(
      Map<String, String> env,
      boolean redisWanted,
      int ownRedisPort,
      java.util.function.BiPredicate<String, Integer> answersPing,
      Optional<java.nio.file.Path> redisBinary) {
    if (!redisWanted) {
      return new CacheChoice(Kind.IN_PROCESS, null, 0, "--no-redis given");
    }
    String host = env.getOrDefault(RedisConnection.HOST, "127.0.0.1");
    int port = RedisConnection.port(env);
    if (answersPing.test(host, port)) {
      return new CacheChoice(
          Kind.EXISTING_REDIS, host, port, "Redis answers on " + host + ":" + port);
    }
    if (redisBinary.isPresent()) {
      return new CacheChoice(
          Kind.STARTED_REDIS,
          "127.0.0.1",
          ownRedisPort,
          "no Redis on " + host + ":" + port + "; starting " + redisBinary.get());
    }
    return new CacheChoice(
        Kind.IN_PROCESS,
        null,
        0,
        "no Redis on "
            + host
            + ":"
            + port
            + " and no redis-server installed (apt-get install redis-server to use Redis)");
  }

  /** Whether a Redis server answers PING (or asks for a password) at host:port. */
  static boolean answersPing(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 300);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] buf = new byte[64];
      int n = in.read(buf);
      String reply = n > 0 ? new String(buf, 0, n, StandardCharsets.US_ASCII) : "";
      return reply.startsWith("+PONG") || reply.startsWith("-NOAUTH");
    } catch (IOException e) {
      return false;
    }
  }
}
