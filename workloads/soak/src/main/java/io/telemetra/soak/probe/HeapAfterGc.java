package io.telemetra.soak.probe;

import com.sun.tools.attach.VirtualMachine;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A JVM's heap in use right after its last garbage collection: the live data plus garbage the
 * collector has not reached yet, without the garbage piling up between collections. Its lower
 * envelope over time is the usual leak signal. Read over JMX from the JVM's local management agent,
 * started through the attach API (same user, no agent or flag needed in the measured JVM); one
 * connection per process, closed once the process is gone (a restarted part is a new process: left
 * open, the old connection's heartbeat would log a JMX warning about the dead JVM).
 */
final class HeapAfterGc implements AutoCloseable {

  private record Connection(JMXConnector connector, MBeanServerConnection server) {}

  private final Map<Long, Connection> connections = new ConcurrentHashMap<>();

  /** MB of heap after the newest collection of any collector, empty if none ran or no attach. */
  OptionalDouble megabytes(long pid) {
    closeConnectionsToExitedProcesses();
    try {
      Connection c = connections.computeIfAbsent(pid, HeapAfterGc::connect);
      Set<String> heapPools = new HashSet<>();
      for (MemoryPoolMXBean pool :
          ManagementFactory.getPlatformMXBeans(c.server(), MemoryPoolMXBean.class)) {
        if (pool.getType() == MemoryType.HEAP) {
          heapPools.add(pool.getName());
        }
      }
      com.sun.management.GcInfo newest = null;
      for (com.sun.management.GarbageCollectorMXBean gc :
          ManagementFactory.getPlatformMXBeans(
              c.server(), com.sun.management.GarbageCollectorMXBean.class)) {
        com.sun.management.GcInfo info = gc.getLastGcInfo();
        if (info != null && (newest == null || info.getEndTime() > newest.getEndTime())) {
          newest = info;
        }
      }
      if (newest == null) {
        return OptionalDouble.empty();
      }
      long bytes = 0;
      for (Map.Entry<String, MemoryUsage> pool : newest.getMemoryUsageAfterGc().entrySet()) {
        if (heapPools.contains(pool.getKey())) {
          bytes += pool.getValue().getUsed();
        }
      }
      return OptionalDouble.of(bytes / (1024.0 * 1024.0));
    } catch (RuntimeException | java.io.IOException e) {
      forget(pid);
      return OptionalDouble.empty();
    }
  }

  private static Connection connect(long pid) {
    try {
      VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
      String address;
      try {
        address = vm.startLocalManagementAgent();
      } finally {
        vm.detach();
      }
      JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
      return new Connection(connector, connector.getMBeanServerConnection());
    } catch (Exception e) {
      throw new IllegalStateException("cannot attach to " + pid + ": " + e.getMessage(), e);
    }
  }

  /** The processes a connection is open to. */
  Set<Long> connectedProcesses() {
    return Set.copyOf(connections.keySet());
  }

  private void closeConnectionsToExitedProcesses() {
    for (long pid : List.copyOf(connections.keySet())) {
      if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        forget(pid);
      }
    }
  }

  private void forget(long pid) {
    Connection c = connections.remove(pid);
    if (c != null) {
      try {
        c.connector().close();
      } catch (java.io.IOException e) {
        // the process is gone
      }
    }
  }

  @Override
  public void close() {
    List.copyOf(connections.keySet()).forEach(this::forget);
  }
}
