package io.telemetra.operator.streaming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.telemetra.operator.spark.ApplicationState;
import io.telemetra.operator.spark.SparkApplication;
import io.telemetra.operator.spark.SparkApplicationSpec;
import io.telemetra.operator.spark.SparkApplicationStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Marks the SparkApplication with the spec this operator gave it, so status can tell a run of the
 * current spec from the previous run the Spark operator still reports.
 *
 * <p>{@value #SPEC_HASH} is a hash of the spec without {@code spec.suspend}: exactly the changes
 * after which the Kubeflow Spark operator (v2.4.0) invalidates the run and submits it again under a
 * new {@code status.submissionID} (a suspend-only change suspends or resumes instead). When the
 * hash changes, {@value #SUPERSEDED_SUBMISSION} records the submissionID the application had at
 * that moment (empty if it had none): that run belongs to an older spec, any other submission to
 * the current one. A SparkApplication without these annotations (made by an older operator) has no
 * superseded run.
 */
public final class SubmittedSpec {

  public static final String SPEC_HASH = "telemetra.io/spec-hash";
  public static final String SUPERSEDED_SUBMISSION = "telemetra.io/superseded-submission";

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  /** States in which a run has ended. */
  static final Set<String> ENDED =
      Set.of(ApplicationState.FAILED, ApplicationState.SUBMISSION_FAILED, "COMPLETED");

  private SubmittedSpec() {}

  /** Sets both annotations on {@code desired}, given the SparkApplication as it is now. */
  public static void annotate(SparkApplication desired, SparkApplication actual) {
    String hash = hash(desired.getSpec());
    Map<String, String> annotations = new LinkedHashMap<>();
    if (desired.getMetadata().getAnnotations() != null) {
      annotations.putAll(desired.getMetadata().getAnnotations());
    }
    annotations.put(SPEC_HASH, hash);
    annotations.put(SUPERSEDED_SUBMISSION, superseded(hash, actual));
    desired.getMetadata().setAnnotations(annotations);
  }

  static String superseded(String hash, SparkApplication actual) {
    String actualHash = annotation(actual, SPEC_HASH);
    if (actualHash == null) {
      return "";
    }
    if (actualHash.equals(hash)) {
      return Optional.ofNullable(annotation(actual, SUPERSEDED_SUBMISSION)).orElse("");
    }
    return Optional.ofNullable(submissionId(actual)).orElse("");
  }

  /** The hash of a spec as the Spark operator compares it: every field but suspend. */
  public static String hash(SparkApplicationSpec spec) {
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = CANONICAL.convertValue(spec, Map.class);
    fields.remove("suspend");
    try {
      byte[] json = CANONICAL.writeValueAsString(fields).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json), 0, 8);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash the SparkApplication spec", e);
    }
  }

  /** Whether the application's current submission was made for the spec it carries now. */
  static boolean submittedForCurrentSpec(SparkApplication app) {
    String superseded = annotation(app, SUPERSEDED_SUBMISSION);
    if (superseded == null) {
      return true;
    }
    String submission = submissionId(app);
    return submission != null && !submission.isEmpty() && !submission.equals(superseded);
  }

  /**
   * Whether {@code actual}'s current run was submitted for the spec {@code desired} carries and has
   * ended: FAILED, SUBMISSION_FAILED or COMPLETED, all of which are final under restart policy
   * Never (a streaming job never ends on its own).
   */
  public static boolean endedRunOfCurrentSpec(SparkApplication actual, SparkApplication desired) {
    return actual != null
        && hash(desired.getSpec()).equals(annotation(actual, SPEC_HASH))
        && submittedForCurrentSpec(actual)
        && ENDED.contains(
            Optional.ofNullable(actual.getStatus())
                .map(SparkApplicationStatus::getApplicationState)
                .map(ApplicationState::getState)
                .orElse(""));
  }

  /** How {@code app}'s run ended: its state and the Spark operator's error message, if any. */
  public static String runEnding(SparkApplication app) {
    Optional<ApplicationState> state =
        Optional.ofNullable(app.getStatus()).map(SparkApplicationStatus::getApplicationState);
    String ending =
        state.map(ApplicationState::getState).orElse("")
            + state
                .map(ApplicationState::getErrorMessage)
                .filter(m -> !m.isBlank())
                .map(m -> ": " + m)
                .orElse("");
    return ending.length() > 1000 ? ending.substring(0, 1000) + "…" : ending;
  }

  public static String annotation(SparkApplication app, String key) {
    if (app == null || app.getMetadata().getAnnotations() == null) {
      return null;
    }
    return app.getMetadata().getAnnotations().get(key);
  }

  private static String submissionId(SparkApplication app) {
    return app.getStatus() == null ? null : app.getStatus().getSubmissionID();
  }
}
