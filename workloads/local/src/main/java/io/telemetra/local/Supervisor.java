package io.telemetra.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the parts the runner started and stops them in reverse order: the applications (producer,
 * API, streaming job) first, then the infrastructure they use (Redis, Postgres, the broker). Once
 * stopping has begun, a part that finishes starting is stopped at once.
 */
public final class Supervisor {

  /** Whether a part is an application (stopped first) or infrastructure (stopped last). */
  public enum Tier {
    INFRASTRUCTURE,
    APPLICATION
  }

  private record Entry(RunningPart part, Tier tier) {}

  private final List<Entry> started = new ArrayList<>();
  private final Duration applicationGrace;
  private final Duration infrastructureGrace;
  private boolean stopping;

  public Supervisor(Duration applicationGrace, Duration infrastructureGrace) {
    this.applicationGrace = applicationGrace;
    this.infrastructureGrace = infrastructureGrace;
  }

  /** Records a started part; if stopping has already begun, stops it right away instead. */
  public void started(RunningPart part, Tier tier) {
    synchronized (this) {
      if (!stopping) {
        started.add(new Entry(part, tier));
        return;
      }
    }
    part.stop(tier == Tier.APPLICATION ? applicationGrace : infrastructureGrace);
  }

  public synchronized boolean isStopping() {
    return stopping;
  }

  /** The parts started so far, in start order. */
  public synchronized List<RunningPart> parts() {
    return started.stream().map(Entry::part).toList();
  }

  /** The first part that exited although nobody asked it to, if any. */
  public synchronized Optional<RunningPart> firstDeadPart() {
    if (stopping) {
      return Optional.empty();
    }
    return started.stream().map(Entry::part).filter(p -> !p.isAlive()).findFirst();
  }

  /** The parts of {@code tier} that exited although nobody asked them to. */
  public synchronized List<RunningPart> deadParts(Tier tier) {
    if (stopping) {
      return List.of();
    }
    return started.stream()
        .filter(e -> e.tier() == tier && !e.part().isAlive())
        .map(Entry::part)
        .toList();
  }

  /** Drops a part that exited, before it is started again. */
  public synchronized void forget(RunningPart part) {
    started.removeIf(e -> e.part() == part);
  }

  /**
   * Stops everything: applications (newest first, signalled together), then infrastructure (newest
   * first, signalled together). Returns the names in the order they were stopped.
   */
  public List<String> stopAll() {
    List<Entry> toStop;
    synchronized (this) {
      stopping = true;
      toStop = new ArrayList<>(started);
      started.clear();
    }
    List<String> order = new ArrayList<>();
    stopTier(toStop, Tier.APPLICATION, applicationGrace, order);
    stopTier(toStop, Tier.INFRASTRUCTURE, infrastructureGrace, order);
    return order;
  }

  private static void stopTier(List<Entry> entries, Tier tier, Duration grace, List<String> order) {
    List<Thread> stops = new ArrayList<>();
    for (int i = entries.size() - 1; i >= 0; i--) {
      Entry e = entries.get(i);
      if (e.tier() == tier) {
        order.add(e.part().name());
        Thread t = new Thread(() -> stopQuietly(e.part(), grace), "stop-" + e.part().name());
        t.start();
        stops.add(t);
      }
    }
    for (Thread t : stops) {
      try {
        t.join();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void stopQuietly(RunningPart part, Duration grace) {
    try {
      part.stop(grace);
    } catch (RuntimeException e) {
      System.err.println("  ! stopping " + part.name() + " failed: " + e.getMessage());
    }
  }
}
