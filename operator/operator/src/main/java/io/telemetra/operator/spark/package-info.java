/** The Kubeflow SparkApplication (v1beta2) model: the fields the operator writes and reads. */
package io.telemetra.operator.spark;
