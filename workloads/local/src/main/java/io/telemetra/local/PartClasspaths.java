package io.telemetra.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The build-time facts the runner needs about the parts it launches: each part's runtime classpath
 * (written by the build into {@code io/telemetra/local/<part>.classpath}) and the JVM options Spark
 * needs on Java 17.
 */
public final class PartClasspaths {

  private static final String BASE = "/io/telemetra/local/";

  private PartClasspaths() {}

  /** A part that this build of the runner cannot launch, and why. */
  public static final class PartUnavailable extends Exception {
    public PartUnavailable(String message) {
      super(message);
    }
  }

  /** The runtime classpath of {@code part}, checked to exist on disk. */
  public static String of(String part, String module) throws PartUnavailable {
    String text = resource(part + ".classpath");
    if (text == null || text.isBlank()) {
      throw new PartUnavailable(
          "not in this build (build " + module + " and then workloads/local with Maven)");
    }
    List<String> entries = Arrays.asList(text.strip().split(java.io.File.pathSeparator));
    for (String entry : entries) {
      if (!Files.exists(Path.of(entry))) {
        throw new PartUnavailable(
            entry + " is missing: rebuild with ./mvnw -q -B install -DskipTests");
      }
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  /** The entry of {@code part}'s classpath whose file name starts with {@code artifactId}. */
  public static Path jarOf(String part, String module, String artifactId) throws PartUnavailable {
    for (String entry : of(part, module).split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      if (p.getFileName().toString().startsWith(artifactId)) {
        return p;
      }
    }
    throw new PartUnavailable(artifactId + " not on its classpath; rebuild " + module);
  }

  /** The --add-opens flags (and friends) Spark needs on Java 17, from the parent POM. */
  public static List<String> javaOpens() {
    String opens = runnerProperties().getProperty("java.opens", "").strip();
    return opens.isEmpty() ? List.of() : Arrays.asList(opens.split("\\s+"));
  }

  public static String version() {
    return runnerProperties().getProperty("version", "dev");
  }

  private static Properties runnerProperties() {
    Properties p = new Properties();
    try (InputStream in = PartClasspaths.class.getResourceAsStream(BASE + "runner.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  private static String resource(String name) {
    try (InputStream in = PartClasspaths.class.getResourceAsStream(BASE + name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
