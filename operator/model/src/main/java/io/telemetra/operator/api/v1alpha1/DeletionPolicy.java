package io.telemetra.operator.api.v1alpha1;

/** Whether deleting a pipeline keeps (Retain) or removes (Delete) its topics and tables. */
public enum DeletionPolicy {
  Retain,
  Delete
}
