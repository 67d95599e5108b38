/**
 * The pipeline's status from what the parts observed: conditions, reasons, phase, Ready, and the
 * Kubernetes Events recorded when a condition flips or the operator acts.
 */
package io.telemetra.operator.status;
