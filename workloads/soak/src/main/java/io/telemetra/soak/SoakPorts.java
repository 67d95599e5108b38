package io.telemetra.soak;

import io.telemetra.embedded.Ports;

/**
 * The ports of a soak run's pipeline: distinct, bindable on loopback, the Kafka controller's next
 * to the broker's, and below the kernel's ephemeral range ({@link Ports#free()}).
 */
record SoakPorts(int kafka, int postgres, int api, int redis) {

  static SoakPorts pick() {
    return new SoakPorts(Ports.free(), Ports.free(), Ports.free(), Ports.free());
  }
}
