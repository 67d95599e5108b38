package io.telemetra.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The bearer token clients must present. Compared in constant time (digests of equal length), so
 * neither the content nor the length of the token leaks through timing.
 */
public final class ApiToken {

  /** The built-in token of the dev profile only; documented, never a production default. */
  public static final String DEV_TOKEN = "telemetra-dev-token";

  private final byte[] digest;

  private ApiToken(String token) {
    this.digest = sha256(token);
  }

  /** A token from its configured value; blank is rejected. */
  public static ApiToken of(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("API token must not be blank");
    }
    return new ApiToken(token.strip());
  }

  /** True if {@code presented} equals the configured token. */
  public boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(digest, sha256(presented));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "ApiToken[<redacted>]";
  }
}
