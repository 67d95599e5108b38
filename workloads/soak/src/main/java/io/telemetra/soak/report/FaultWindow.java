package io.telemetra.soak.report;

/**
 * One fault of the schedule as it happened, in seconds since the run started.
 *
 * @param name what struck, e.g. "streaming job SIGKILL", "PostgreSQL stopped"
 * @param startSeconds when it struck
 * @param endSeconds when the harness undid it (restart issued), or the end of the run for a fault
 *     that lasts (Redis stopped for the rest of the run)
 * @param recoveredSeconds when the pipeline was seen healthy again after the fault, or null if it
 *     never was during the run
 */
public record FaultWindow(
    String name, double startSeconds, double endSeconds, Double recoveredSeconds) {}
