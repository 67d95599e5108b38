package io.telemetra.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.pipeline.PipelineNames;
import io.telemetra.operator.spark.SparkApplication;
import java.util.List;

/**
 * The running parts of a pipeline: its SparkApplication, its Deployments (API, producer) and every
 * pod they made (the Spark driver and executors carry the pipeline's labels through the pod
 * templates). Before {@code deletionPolicy: Delete} drops topics and tables, they must all be gone:
 * a producer still running would create the topics again, a streaming job would write into tables
 * being dropped.
 */
final class PipelineWorkloads {

  private final KubernetesClient client;
  private final TelemetraPipeline pipeline;

  PipelineWorkloads(KubernetesClient client, TelemetraPipeline pipeline) {
    this.client = client;
    this.pipeline = pipeline;
  }

  /**
   * Asks every workload to stop (deleting an object that is already gone is a no-op) and returns
   * the pods still present; empty once nothing of the pipeline runs any more. Pods are deleted
   * directly too, so a missing Spark operator or garbage collector cannot keep them running.
   */
  List<String> stop() {
    String namespace = pipeline.getMetadata().getNamespace();
    client
        .resources(SparkApplication.class)
        .inNamespace(namespace)
        .withName(PipelineNames.streaming(pipeline))
        .delete();
    for (String name : List.of(PipelineNames.api(pipeline), PipelineNames.producer(pipeline))) {
      client.resources(Deployment.class).inNamespace(namespace).withName(name).delete();
    }
    List<Pod> pods =
        client
            .pods()
            .inNamespace(namespace)
            .withLabels(PipelineNames.anyComponent(pipeline))
            .list()
            .getItems();
    pods.stream()
        .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
        .forEach(pod -> client.resource(pod).delete());
    return pods.stream().map(pod -> pod.getMetadata().getName()).sorted().toList();
  }
}
