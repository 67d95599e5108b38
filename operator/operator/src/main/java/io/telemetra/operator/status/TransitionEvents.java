package io.telemetra.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records a Kubernetes Event on the pipeline whenever one of its conditions flips. */
public final class TransitionEvents {

  private static final Logger log = LoggerFactory.getLogger(TransitionEvents.class);

  private final Clock clock;

  public TransitionEvents(Clock clock) {
    this.clock = clock;
  }

  /** Emits one Event per condition whose status differs between the two lists. */
  public void record(
      KubernetesClient client,
      TelemetraPipeline pipeline,
      List<Condition> before,
      List<Condition> after) {
    for (Condition now : after) {
      String was = Conditions.find(before, now.getType()).map(Condition::getStatus).orElse(null);
      if (!Objects.equals(was, now.getStatus())) {
        emit(client, pipeline, now);
      }
    }
  }

  private void emit(KubernetesClient client, TelemetraPipeline pipeline, Condition condition) {
    String now = Instant.now(clock).toString();
    var meta = pipeline.getMetadata();
    var event =
        new EventBuilder()
            .withNewMetadata()
            .withGenerateName(meta.getName() + "-")
            .withNamespace(meta.getNamespace())
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(pipeline.getApiVersion())
                    .withKind(pipeline.getKind())
                    .withName(meta.getName())
                    .withNamespace(meta.getNamespace())
                    .withUid(meta.getUid())
                    .withResourceVersion(meta.getResourceVersion())
                    .build())
            .withType("True".equals(condition.getStatus()) ? "Normal" : "Warning")
            .withReason(condition.getReason())
            .withMessage(
                condition.getType() + "=" + condition.getStatus() + ": " + condition.getMessage())
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource()
            .withComponent("telemetra-operator")
            .endSource()
            .build();
    try {
      client.v1().events().inNamespace(meta.getNamespace()).resource(event).create();
    } catch (RuntimeException e) {
      log.warn(
          "Cannot record event {} for {}: {}",
          condition.getReason(),
          meta.getName(),
          e.getMessage());
    }
  }
}
