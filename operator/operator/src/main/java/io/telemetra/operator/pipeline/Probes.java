package io.telemetra.operator.pipeline;

import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import java.time.Instant;

/**
 * Told each time a part of a pipeline outside Kubernetes (its topics, its schema) was polled,
 * whatever the poll found: the operator's metrics show when each part was last looked at. Not in
 * the status on purpose: it changes with every poll, and a status write per poll is what a steady
 * fleet must not cost.
 */
@FunctionalInterface
public interface Probes {

  Probes NONE = (pipeline, part, at) -> {};

  void probed(TelemetraPipeline pipeline, String part, Instant at);
}
