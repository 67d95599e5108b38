package io.telemetra.soak;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ports of a soak run's pipeline: distinct, bindable on loopback, the Kafka controller's next
 * to the broker's, and below the kernel's ephemeral range (32768 and up on Linux), where any
 * outgoing connection could take a port between the check and the start.
 */
record SoakPorts(int kafka, int postgres, int api, int redis) {

  private static final int LOW = 20_000;
  private static final int HIGH = 32_000;

  static SoakPorts pick() {
    Set<Integer> taken = new HashSet<>();
    int kafka;
    do {
      kafka = candidate();
    } while (!bindable(kafka) || !bindable(kafka + 1));
    taken.add(kafka);
    taken.add(kafka + 1);
    return new SoakPorts(kafka, another(taken), another(taken), another(taken));
  }

  private static int another(Set<Integer> taken) {
    int port;
    do {
      port = candidate();
    } while (taken.contains(port) || !bindable(port));
    taken.add(port);
    return port;
  }

  private static int candidate() {
    return ThreadLocalRandom.current().nextInt(LOW, HIGH);
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
