package io.telemetra.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Telemetra's REST + WebSocket API: reads the streaming job's tables and serves the dashboard. */
@SpringBootApplication
@EnableScheduling
@OpenAPIDefinition(
    info =
        @Info(
            title = "Telemetra API",
            version = "v1",
            description = "Live-stream analytics: streams, windows, moments, revenue."),
    security = @SecurityRequirement(name = TelemetraApiApplication.BEARER))
@SecurityScheme(
    name = TelemetraApiApplication.BEARER,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "The token configured by API_AUTH_TOKEN or API_AUTH_TOKEN_FILE")
public class TelemetraApiApplication {

  /** Name of the OpenAPI security scheme every operation declares. */
  public static final String BEARER = "bearer";

  public static void main(String[] args) {
    SpringApplication.run(TelemetraApiApplication.class, args);
  }
}
