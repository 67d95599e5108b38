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

  private final List<String> command;
  private final Path logFile;
  private final int port;
  private ChildProcess process;
  private int starts;

  private ApiProcess(List<String> command, Path logFile, int port) {
    this.command = command;
    this.logFile = logFile;
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
      ApiProcess api = new ApiProcess(command, workDir.resolve("api.log"), port);
      api.start();
      return api;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** (Re)starts the API on its port and waits until Spring Boot says it started. */
  void start() {
    Path log = logFile.resolveSibling("api-" + ++starts + ".log");
    process = ChildProcess.start("telemetra-api", command, log, "Started TelemetraApiApplication");
    process.awaitReady(Duration.ofSeconds(120));
  }

  /** Stops the API gracefully (SIGTERM), as a rolling restart would. */
  void stop() {
    process.stop(Duration.ofSeconds(20));
  }

  URI baseUri() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  Path logFile() {
    return logFile;
  }

  @Override
  public void close() {
    if (process != null) process.stop(Duration.ofSeconds(20));
  }
}
