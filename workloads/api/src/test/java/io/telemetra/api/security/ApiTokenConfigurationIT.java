package io.telemetra.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetra.api.TelemetraApiApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

class ApiTokenConfigurationIT {

  private static SpringApplicationBuilder app(String... properties) {
    return new SpringApplicationBuilder(TelemetraApiApplication.class)
        .properties("API_PORT=0", "POSTGRES_URL=jdbc:postgresql://127.0.0.1:1/none")
        .properties(properties);
  }

  @Test
  void startupFailsWithAClearMessageWhenNoTokenIsConfiguredOutsideDev() {
    assertThatThrownBy(() -> app().run().close())
        .rootCause()
        .hasMessageContaining("No API token configured")
        .hasMessageContaining("API_AUTH_TOKEN_FILE");
  }

  @Test
  void theDevProfileUsesTheBuiltInDevelopmentToken() {
    try (ConfigurableApplicationContext context = app().profiles("dev").run()) {
      assertThat(context.getBean(ApiToken.class).matches(ApiToken.DEV_TOKEN)).isTrue();
    }
  }

  @Test
  void theTokenIsReadFromTheFileNamedByApiAuthTokenFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "from-a-file\n");
    try (ConfigurableApplicationContext context = app("API_AUTH_TOKEN_FILE=" + file).run()) {
      ApiToken token = context.getBean(ApiToken.class);
      assertThat(token.matches("from-a-file")).isTrue();
      assertThat(token.matches(ApiToken.DEV_TOKEN)).isFalse();
    }
  }
}
