package io.telemetra.charts;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root and shared third-party files from a test running in any module. */
public final class RepoPaths {

  private RepoPaths() {}

  /**
   * The repository root: the nearest ancestor of the working directory holding crds/ and charts/.
   */
  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("charts")) && Files.isDirectory(dir.resolve("workloads"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "Cannot find the repository root above " + Path.of("").toAbsolutePath());
  }

  /** A file of the repository, e.g. {@code resolve("examples/basic.yaml")}. */
  public static Path resolve(String relative) {
    return root().resolve(relative);
  }

  /** A file under the shared third-party folder that sits beside the repository (tests only). */
  public static Path thirdParty(String relative) {
    return root().resolveSibling("shared").resolve("third-party").resolve(relative);
  }
}
