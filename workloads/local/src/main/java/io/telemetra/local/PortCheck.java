package io.telemetra.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/** Checks, before anything starts, that every port the runner will listen on is free. */
public final class PortCheck {

  /** A port the runner needs, what uses it and the option that moves it. */
  public record PortUse(int port, String what, String option) {}

  private final IntPredicate inUse;

  public PortCheck(IntPredicate inUse) {
    this.inUse = inUse;
  }

  /** A check against this machine's real ports. */
  public static PortCheck ofThisMachine() {
    return new PortCheck(PortCheck::taken);
  }

  /** One message per port already in use, naming the port and the option that changes it. */
  public List<String> conflicts(List<PortUse> uses) {
    List<String> messages = new ArrayList<>();
    for (PortUse use : uses) {
      if (inUse.test(use.port())) {
        messages.add(
            "Port "
                + use.port()
                + " ("
                + use.what()
                + ") is already in use. Stop what uses it, or choose another port with "
                + use.option()
                + "=<port>.");
      }
    }
    return messages;
  }

  /** Whether something listens on the port on loopback or on any address. */
  static boolean taken(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
      return true;
    } catch (IOException notListening) {
      // fall through: nothing answers on loopback; a bind tells whether another address has it
    }
    try (ServerSocket server = new ServerSocket()) {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(port));
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
