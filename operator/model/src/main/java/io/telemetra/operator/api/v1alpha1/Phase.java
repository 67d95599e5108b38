package io.telemetra.operator.api.v1alpha1;

/** The one-word summary of a pipeline's state shown by {@code kubectl get tp}. */
public enum Phase {
  Pending,
  Provisioning,
  Running,
  Degraded,
  Failed,
  Suspended
}
