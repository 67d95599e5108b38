package io.telemetra.soak.report;

/**
 * One process's memory at one moment.
 *
 * @param pid the process measured (a restart shows as a new pid)
 * @param heapUsedMb Java heap in use right after the last garbage collection (all generations), or
 *     NaN for a process that is not a JVM (or before its first collection)
 * @param rssMb resident memory: the proportional set size (PSS) summed over the process and its
 *     children (PostgreSQL's backends), so shared pages count once
 */
public record ProcessMemory(long pid, double heapUsedMb, double rssMb) {

  /** Memory of a process whose id does not matter (tests, plots). */
  public ProcessMemory(double heapUsedMb, double rssMb) {
    this(0, heapUsedMb, rssMb);
  }

  public boolean isJvm() {
    return !Double.isNaN(heapUsedMb);
  }
}
