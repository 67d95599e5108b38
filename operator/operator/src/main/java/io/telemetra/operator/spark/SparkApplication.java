package io.telemetra.operator.spark;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Typed view of the Kubeflow Spark operator's SparkApplication (sparkoperator.k8s.io/v1beta2): only
 * the fields Telemetra sets and reads.
 */
@Group("sparkoperator.k8s.io")
@Version("v1beta2")
@Kind("SparkApplication")
@Plural("sparkapplications")
public class SparkApplication extends CustomResource<SparkApplicationSpec, SparkApplicationStatus>
    implements Namespaced {}
