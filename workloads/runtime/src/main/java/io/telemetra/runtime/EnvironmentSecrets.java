package io.telemetra.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one rule for a secret in the environment: {@code NAME} holds the value, or {@code NAME_FILE}
 * names a file holding it (a mounted Kubernetes or compose secret). Setting both is an error rather
 * than a silent preference, so a stale variable never shadows a rotated file or the other way
 * round.
 */
public final class EnvironmentSecrets {

  /** Suffix of the variable that names a file holding the secret. */
  public static final String FILE_SUFFIX = "_FILE";

  private EnvironmentSecrets() {}

  /**
   * The value of {@code name} or the content of the file {@code name_FILE} names (surrounding
   * whitespace stripped; PEM blocks keep their inner newlines); empty when neither is set.
   *
   * @throws IllegalArgumentException if both are set
   * @throws UncheckedIOException if the file cannot be read
   */
  public static String read(Map<String, String> env, String name) {
    String value = env.get(name);
    String file = env.get(name + FILE_SUFFIX);
    boolean hasValue = value != null && !value.isBlank();
    boolean hasFile = file != null && !file.isBlank();
    if (hasValue && hasFile) {
      throw new IllegalArgumentException(
          name + " and " + name + FILE_SUFFIX + " are both set; set one of them");
    }
    if (hasFile) {
      try {
        return Files.readString(Path.of(file.strip()), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot read " + name + FILE_SUFFIX + " at " + file.strip(), e);
      }
    }
    return hasValue ? value.strip() : "";
  }

  /** {@link #read}, or null when neither variable is set. */
  static String readOrNull(Map<String, String> env, String name) {
    String value = read(env, name);
    return value.isEmpty() ? null : value;
  }
}
