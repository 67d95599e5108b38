package io.telemetra.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisConnectionTest {

  @Test
  void noHostMeansNoRedis() {
    assertThat(RedisConnection.fromEnvironment(Map.of())).isEmpty();
    assertThat(RedisConnection.fromEnvironment(Map.of("REDIS_HOST", " ", "REDIS_PORT", "1")))
        .isEmpty();
  }

  @Test
  void hostPortAndPasswordAreRead() {
    var redis =
        RedisConnection.fromEnvironment(
                Map.of("REDIS_HOST", " cache ", "REDIS_PORT", "6380", "REDIS_PASSWORD", "s3cret"))
            .orElseThrow();

    assertThat(redis).isEqualTo(new RedisConnection("cache", 6380, "s3cret"));
    assertThat(redis.toString()).doesNotContain("s3cret").contains("cache:6380");
    assertThat(RedisConnection.fromEnvironment(redis.environment())).contains(redis);
  }

  @Test
  void thePasswordMayComeFromAFileButNotFromBoth(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("password"), "from-file\n");

    assertThat(
            RedisConnection.fromEnvironment(
                    Map.of("REDIS_HOST", "cache", "REDIS_PASSWORD_FILE", file.toString()))
                .orElseThrow()
                .password())
        .isEqualTo("from-file");
    assertThatThrownBy(
            () ->
                RedisConnection.fromEnvironment(
                    Map.of(
                        "REDIS_HOST",
                        "cache",
                        "REDIS_PASSWORD",
                        "x",
                        "REDIS_PASSWORD_FILE",
                        file.toString())))
        .hasMessageContaining("REDIS_PASSWORD and REDIS_PASSWORD_FILE are both set");
  }

  @Test
  void aPortThatIsNotOneIsNamed() {
    assertThat(RedisConnection.fromEnvironment(Map.of("REDIS_HOST", "cache")).orElseThrow().port())
        .isEqualTo(6379);
    assertThatThrownBy(
            () -> RedisConnection.fromEnvironment(Map.of("REDIS_HOST", "c", "REDIS_PORT", "six")))
        .hasMessage("REDIS_PORT=six is not a TCP port (1-65535)");
    assertThatThrownBy(
            () -> RedisConnection.fromEnvironment(Map.of("REDIS_HOST", "c", "REDIS_PORT", "0")))
        .hasMessage("REDIS_PORT=0 is not a TCP port (1-65535)");
  }
}
