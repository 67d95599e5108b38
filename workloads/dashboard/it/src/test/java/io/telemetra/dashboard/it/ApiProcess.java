package io.telemetra.dashboard.it;

import io.telemetra.embedded.ChildProcess;
import io.telemetra.embedded.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * The API's executable jar in its own JVM, as it ships, with the freshly built dashboard jar added
 * to its classpath. The token reaches it through a file, never the command line.
 */
final class ApiProcess implements AutoCloseable {

  private static final String LAUNCHER =
      "org.springframework.boot.loader.launch.PropertiesLauncher";

  private final ChildProcess process;
  private final int port;

  private ApiProcess(ChildProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  static ApiProcess start(
      Path apiJar, Path dashboardJar, Path workDir, String jdbcUrl, String user, String token) {
    try {
      Files.createDirectories(workDir);
      Path tokenFile = workDir.resolve("api-token");
      Files.deleteIfExists(tokenFile);
      Files.createFile(
          tokenFile,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tokenFile, token, StandardCharsets.UTF_8);
      int port = Ports.free();
      List<String> command =
          ChildProcess.javaCommand(
              apiJar.toString(),
              List.of(
                  "-Xmx512m",
                  "-Dloader.path=" + dashboardJar,
                  "-DAPI_PORT=" + port,
                  "-DAPI_AUTH_TOKEN_FILE=" + tokenFile,
                  "-DPOSTGRES_URL=" + jdbcUrl,
                  "-DPOSTGRES_USER=" + user),
              LAUNCHER,
              List.of());
      ChildProcess process =
          ChildProcess.start(
              "telemetra-api",
              command,
              workDir.resolve("api.log"),
              "Started TelemetraApiApplication");
      process.awaitReady(Duration.ofSeconds(120));
      return new ApiProcess(process, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI baseUri() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  Path logFile() {
    return process.logFile();
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(20));
  }
}
