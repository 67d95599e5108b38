package io.telemetra.producer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarFile;

/** A private copy of the runnable producer jar, taken once it is complete, for tests to launch. */
final class RunnableJar {

  private static Path copy;

  private RunnableJar() {}

  /** The copy's path; the built jar may be rewritten by other builds while tests run. */
  static synchronized Path path() {
    if (copy != null) {
      return copy;
    }
    Path built = Path.of(System.getProperty("producer.jar", "target/telemetra-producer.jar"));
    try {
      Path target = Files.createTempFile("telemetra-producer", ".jar");
      target.toFile().deleteOnExit();
      for (int attempt = 0; ; attempt++) {
        Files.copy(built, target, StandardCopyOption.REPLACE_EXISTING);
        try (JarFile jar = new JarFile(target.toFile())) {
          if (jar.getEntry("io/telemetra/producer/ProducerMain.class") != null
              && "io.telemetra.producer.ProducerMain"
                  .equals(jar.getManifest().getMainAttributes().getValue("Main-Class"))) {
            copy = target;
            return copy;
          }
        } catch (IOException incomplete) {
          if (attempt >= 20) {
            throw incomplete;
          }
        }
        if (attempt >= 20) {
          throw new IllegalStateException(built + " is not the runnable producer jar");
        }
        Thread.sleep(500);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
