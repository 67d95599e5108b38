package io.telemetra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The bearer token of the local API: given by the user, or generated once and kept in the data
 * directory (owner-only file). The API reads it from that file, never from its command line.
 */
public final class ApiTokenFile {

  private ApiTokenFile() {}

  /** The token to use, written to {@code file}: {@code given} if present, else the stored one. */
  public static String loadOrCreate(Path file, Optional<String> given) {
    try {
      if (given.isPresent()) {
        String token = given.get().strip();
        if (token.isEmpty()) {
          throw new IllegalArgumentException("--token must not be empty");
        }
        write(file, token);
        return token;
      }
      if (Files.isRegularFile(file)) {
        String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!stored.isEmpty()) {
          return stored;
        }
      }
      String token = generate();
      write(file, token);
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot store the API token in " + file, e);
    }
  }

  static String generate() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void write(Path file, String token) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(
        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, token, StandardCharsets.UTF_8);
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
