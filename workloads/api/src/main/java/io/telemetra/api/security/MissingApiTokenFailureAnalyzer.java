package io.telemetra.api.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing token into Spring Boot's short "APPLICATION FAILED TO START" report. */
public class MissingApiTokenFailureAnalyzer
    extends AbstractFailureAnalyzer<MissingApiTokenException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, MissingApiTokenException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Set API_AUTH_TOKEN, or API_AUTH_TOKEN_FILE to the path of a file holding the token"
            + " (a mounted Secret). For local development only, set SPRING_PROFILES_ACTIVE=dev.",
        cause);
  }
}
