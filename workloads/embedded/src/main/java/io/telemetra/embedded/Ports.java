package io.telemetra.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port helpers. */
public final class Ports {

  /** The loopback address every part binds to unless told otherwise. */
  public static final String LOOPBACK = "127.0.0.1";

  private Ports() {}

  /**
   * Ports are handed out below the kernel's ephemeral range (32768 and up by default), where no
   * outgoing connection can take one between this check and the caller's bind, as happened with
   * ports the kernel picked; a port is handed out once per JVM, and only with the next port free
   * too, for parts that use "port + 1" (the Kafka controller).
   */
  private static final int FIRST = 20000;

  private static final int LAST = 32000;

  private static final java.util.Set<Integer> HANDED_OUT =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** A port that was free on 127.0.0.1 a moment ago, with the port after it. */
  public static int free() {
    var random = java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 2000; attempt++) {
      int port = random.nextInt(FIRST, LAST);
      if (!HANDED_OUT.contains(port)
          && !HANDED_OUT.contains(port + 1)
          && bindable(port)
          && bindable(port + 1)
          && HANDED_OUT.add(port)) {
        HANDED_OUT.add(port + 1);
        return port;
      }
    }
    throw new IllegalStateException("No free port pair on 127.0.0.1 in " + FIRST + "-" + LAST);
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether something accepts connections on 127.0.0.1:{@code port}. */
  public static boolean inUse(int port) {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
