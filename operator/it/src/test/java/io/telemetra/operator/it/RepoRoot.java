package io.telemetra.operator.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root (crds/, examples/, charts/) and ../shared beside it, as tests see them. */
public final class RepoRoot {

  private RepoRoot() {}

  /**
   * The repository root: the {@code telemetra.repo.root} property, else the first parent with
   * crds/.
   */
  public static Path path() {
    String property = System.getProperty("telemetra.repo.root");
    if (property != null) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("crds")) && Files.isRegularFile(dir.resolve("mvnw"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "cannot find the repository root above " + Path.of("").toAbsolutePath());
  }

  /** A path inside the repository. */
  public static Path resolve(String relative) {
    return path().resolve(relative);
  }

  /** The upstream Kubeflow SparkApplication CRD, kept for tests in ../shared/third-party. */
  public static Path sparkApplicationCrd() {
    return path()
        .resolve("../shared/third-party/spark-operator/sparkoperator.k8s.io_sparkapplications.yaml")
        .normalize();
  }
}
