package io.telemetra.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.status.EventAction;
import io.telemetra.operator.status.EventRecorder;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Events on the real API server, in the events.k8s.io/v1 form its validation demands (action,
 * reporting controller and instance, a micro-second event time): a repeat is a series on the first
 * Event, as kubectl shows it.
 */
class EventRecorderIT {

  @RegisterExtension static final RealApiServer API = new RealApiServer();

  @Test
  void aRepeatedEventRaisesTheCountOfTheFirstOne() {
    KubernetesClient client = API.client();
    String namespace = API.createNamespace("events");
    client
        .resource(Manifests.validWith("metadata: {name: flapping}"))
        .inNamespace(namespace)
        .create();
    TelemetraPipeline pipeline =
        client.resources(TelemetraPipeline.class).inNamespace(namespace).withName("flapping").get();
    EventRecorder recorder = new EventRecorder(Clock.systemUTC());

    for (int flip = 0; flip < 3; flip++) {
      recorder.record(
          client,
          pipeline,
          "Warning",
          "KafkaUnavailable",
          EventAction.PROVISION_TOPICS,
          "TopicsReady=False: no broker");
    }
    recorder.record(
        client,
        pipeline,
        "Normal",
        "TopicsReady",
        EventAction.PROVISION_TOPICS,
        "TopicsReady=True: 5 topics");

    assertThat(client.events().v1().events().inNamespace(namespace).list().getItems())
        .extracting(Event::getReason, e -> e.getSeries() == null ? 1 : e.getSeries().getCount())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("KafkaUnavailable", 3),
            org.assertj.core.groups.Tuple.tuple("TopicsReady", 1));
    assertThat(client.v1().events().inNamespace(namespace).list().getItems())
        .as("the same Events in the core/v1 view that older tools read")
        .extracting(
            io.fabric8.kubernetes.api.model.Event::getReason,
            io.fabric8.kubernetes.api.model.Event::getMessage)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "KafkaUnavailable", "TopicsReady=False: no broker"));
    assertThat(API.kubectl().run("describe", "telemetrapipeline", "flapping", "-n", namespace))
        .contains("(x3 over");
  }
}
