/**
 * The streaming job part: the Kubeflow SparkApplication that runs it, resubmissions within a
 * restart budget, which run belongs to which spec, and data-plane health from the job's ledger;
 * contributes StreamingReady and DataFlowing.
 */
package io.telemetra.operator.streaming;
