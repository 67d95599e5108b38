package io.telemetra.soak.report;

/**
 * One process's memory at one moment.
 *
 * @param heapUsedMb Java heap in use (all generations), or NaN for a process that is not a JVM
 * @param rssMb resident set size, summed over the process and its children (PostgreSQL's backends)
 */
public record ProcessMemory(double heapUsedMb, double rssMb) {

  public boolean isJvm() {
    return !Double.isNaN(heapUsedMb);
  }
}
