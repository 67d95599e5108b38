package io.telemetra.operator.streaming;

import static io.telemetra.operator.streaming.StreamingHealthTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.operator.spark.SparkApplication;
import io.telemetra.operator.spark.SparkApplicationStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The annotations that tell which submission belongs to which SparkApplication spec. */
class SubmittedSpecTest {

  static SparkApplication app(String image, String hashAnnotation, String submission) {
    SparkApplication app = new SparkApplication();
    app.getMetadata().setName("basic-streaming");
    app.setSpec(spec(image, false));
    if (hashAnnotation != null) {
      app.getMetadata().setAnnotations(Map.of(SubmittedSpec.SPEC_HASH, hashAnnotation));
    }
    SparkApplicationStatus status = new SparkApplicationStatus();
    status.setSubmissionID(submission);
    app.setStatus(status);
    return app;
  }

  @Test
  void theHashIgnoresSuspendAndTheOrderOfSparkConfButNotTheImage() {
    var a = spec("streaming:1", false);
    a.setSparkConf(new LinkedHashMap<>(Map.of("x", "1")));
    a.getSparkConf().put("y", "2");
    var b = spec("streaming:1", true);
    b.setSparkConf(new LinkedHashMap<>(Map.of("y", "2")));
    b.getSparkConf().put("x", "1");

    assertThat(SubmittedSpec.hash(a)).isEqualTo(SubmittedSpec.hash(b)).hasSize(16);
    assertThat(SubmittedSpec.hash(spec("streaming:2", false))).isNotEqualTo(SubmittedSpec.hash(a));
  }

  @Test
  void aSpecChangeSupersedesTheSubmissionTheApplicationHadAndLaterWritesKeepIt() {
    String v1 = SubmittedSpec.hash(spec("streaming:1", false));
    SparkApplication desiredV2 = app("streaming:2", null, null);

    SubmittedSpec.annotate(desiredV2, app("streaming:1", v1, "s1"));
    SparkApplication afterResubmission = app("streaming:2", null, "s2");
    afterResubmission.getMetadata().setAnnotations(desiredV2.getMetadata().getAnnotations());
    SparkApplication desiredAgain = app("streaming:2", null, null);
    SubmittedSpec.annotate(desiredAgain, afterResubmission);

    assertThat(desiredV2.getMetadata().getAnnotations())
        .containsEntry(SubmittedSpec.SPEC_HASH, SubmittedSpec.hash(spec("streaming:2", false)))
        .containsEntry(SubmittedSpec.SUPERSEDED_SUBMISSION, "s1");
    assertThat(desiredAgain.getMetadata().getAnnotations())
        .as("an unchanged spec writes the same annotations, so nothing is updated")
        .isEqualTo(desiredV2.getMetadata().getAnnotations());
  }

  @Test
  void aNewApplicationOrOneMadeByAnOlderOperatorHasNoSupersededSubmission() {
    SparkApplication created = app("streaming:1", null, null);
    SubmittedSpec.annotate(created, (SparkApplication) null);
    SparkApplication legacy = app("streaming:1", null, null);
    SubmittedSpec.annotate(legacy, app("streaming:0", null, "s0"));

    assertThat(created.getMetadata().getAnnotations())
        .containsEntry(SubmittedSpec.SUPERSEDED_SUBMISSION, "");
    assertThat(legacy.getMetadata().getAnnotations())
        .containsEntry(SubmittedSpec.SUPERSEDED_SUBMISSION, "");
  }
}
