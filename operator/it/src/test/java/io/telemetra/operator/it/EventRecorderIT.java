package io.telemetra.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.status.EventRecorder;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Events on the real API server: a repeat is counted on the first Event, as kubectl shows it. */
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
          client, pipeline, "Warning", "KafkaUnavailable", "TopicsReady=False: no broker");
    }
    recorder.record(client, pipeline, "Normal", "TopicsReady", "TopicsReady=True: 5 topics");

    assertThat(client.v1().events().inNamespace(namespace).list().getItems())
        .extracting(Event::getReason, Event::getCount)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("KafkaUnavailable", 3),
            org.assertj.core.groups.Tuple.tuple("TopicsReady", 1));
    assertThat(API.kubectl().run("describe", "telemetrapipeline", "flapping", "-n", namespace))
        .contains("(x3 over");
  }
}
