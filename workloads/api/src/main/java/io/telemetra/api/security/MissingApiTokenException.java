package io.telemetra.api.security;

/** Thrown at startup when no API token is configured outside the dev profile. */
public class MissingApiTokenException extends IllegalStateException {

  public MissingApiTokenException() {
    super(
        "No API token configured: set API_AUTH_TOKEN or API_AUTH_TOKEN_FILE"
            + " (or run with the 'dev' profile for the built-in development token)");
  }
}
