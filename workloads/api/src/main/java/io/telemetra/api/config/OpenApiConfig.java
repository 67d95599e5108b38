package io.telemetra.api.config;

import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.telemetra.api.TelemetraApiApplication;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes every operation in the OpenAPI document declare the bearer scheme itself. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

  @Bean
  OpenApiCustomizer bearerOnEveryOperation() {
    return openApi -> {
      if (openApi.getPaths() == null) {
        return;
      }
      openApi
          .getPaths()
          .values()
          .forEach(
              path ->
                  path.readOperations()
                      .forEach(
                          operation ->
                              operation.setSecurity(
                                  List.of(
                                      new SecurityRequirement()
                                          .addList(TelemetraApiApplication.BEARER)))));
    };
  }
}
