package io.telemetra.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the API reaches Redis, and the one definition of the {@code REDIS_*} variables of
 * docs/configuration.md: REDIS_HOST (no Redis when unset), REDIS_PORT (6379), and REDIS_PASSWORD or
 * REDIS_PASSWORD_FILE ({@link EnvironmentSecrets} has the rule). The password never appears in
 * {@link #toString()}.
 *
 * @param password the password, or null when Redis asks for none
 */
public record RedisConnection(String host, int port, String password) {

  public static final String HOST = "REDIS_HOST";
  public static final String PORT = "REDIS_PORT";
  public static final String PASSWORD = "REDIS_PASSWORD";

  /** Every variable {@link #fromEnvironment} reads, {@code _FILE} variants included. */
  public static final List<String> VARIABLES =
      List.of(HOST, PORT, PASSWORD, PASSWORD + EnvironmentSecrets.FILE_SUFFIX);

  public static final int DEFAULT_PORT = 6379;

  public RedisConnection {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException(HOST + " is empty");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException(PORT + "=" + port + " is not a TCP port (1-65535)");
    }
    host = host.strip();
    password = password == null || password.isEmpty() ? null : password;
  }

  /**
   * The connection the variables describe; empty when REDIS_HOST is unset or blank.
   *
   * @throws IllegalArgumentException naming the variable when REDIS_PORT is not a port, or both
   *     REDIS_PASSWORD and REDIS_PASSWORD_FILE are set
   */
  public static Optional<RedisConnection> fromEnvironment(Map<String, String> env) {
    String host = env.get(HOST);
    if (host == null || host.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        new RedisConnection(host, port(env), EnvironmentSecrets.read(env, PASSWORD)));
  }

  /** REDIS_PORT, or the default port when it is unset. */
  public static int port(Map<String, String> env) {
    String port = env.get(PORT);
    if (port == null || port.isBlank()) {
      return DEFAULT_PORT;
    }
    try {
      return Integer.parseInt(port.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PORT + "=" + port + " is not a TCP port (1-65535)");
    }
  }

  /** The variables that recreate this connection in another process on this machine. */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(HOST, host);
    env.put(PORT, Integer.toString(port));
    if (password != null) {
      env.put(PASSWORD, password);
    }
    return env;
  }

  /** host:port */
  public String address() {
    return host + ":" + port;
  }

  @Override
  public String toString() {
    return "RedisConnection[" + address() + (password == null ? "" : ", password=<redacted>") + "]";
  }
}
