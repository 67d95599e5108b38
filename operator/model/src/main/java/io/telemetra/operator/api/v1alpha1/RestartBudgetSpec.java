package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * How often Telemetra resubmits a streaming job that failed: at most {@code failures} times within
 * {@code windowMinutes}, waiting 10 s, 20 s, 40 s … (at most 5 min) between resubmissions. Once
 * spent, StreamingReady says CrashLooping until the oldest resubmission leaves the window (then it
 * resubmits again) or a new spec.streaming.restartNonce restarts the job with a fresh budget.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RestartBudgetSpec {

  @Default("5")
  @Min(1)
  @Max(100)
  @JsonPropertyDescription(
      "How many failed runs Telemetra resubmits within windowMinutes; the next one is left"
          + " FAILED and reported as CrashLooping.")
  private Integer failures = 5;

  @Default("30")
  @Min(1)
  @Max(1440)
  @JsonPropertyDescription("The sliding window the failures are counted in, in minutes.")
  private Integer windowMinutes = 30;

  public Integer getFailures() {
    return failures;
  }

  public void setFailures(Integer failures) {
    this.failures = failures;
  }

  public Integer getWindowMinutes() {
    return windowMinutes;
  }

  public void setWindowMinutes(Integer windowMinutes) {
    this.windowMinutes = windowMinutes;
  }
}
