package io.telemetra.api.config;

import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.telemetra.api.TelemetraApiApplication;
import io.telemetra.api.security.BearerTokenFilter;
import java.util.List;
import org.springdoc.core.customizers.GlobalOperationComponentsCustomizer;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the OpenAPI document at /v3/api-docs complete and truthful (schemathesis checks it with
 * {@code --checks all}, see docs/reliability.md): each operation declares the bearer scheme and its
 * 401 where the bearer filter protects its path, the problems it can answer, and schemas that match
 * what is written.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

  @Bean
  OpenApiCustomizer bearerWhereTheFilterAsksForIt() {
    return openApi -> {
      if (openApi.getPaths() == null) {
        return;
      }
      openApi
          .getPaths()
          .forEach(
              (path, item) ->
                  item.readOperations()
                      .forEach(
                          operation -> {
                            if (!BearerTokenFilter.isProtected(path)) {
                              operation.setSecurity(List.of());
                              return;
                            }
                            operation.setSecurity(
                                List.of(
                                    new SecurityRequirement()
                                        .addList(TelemetraApiApplication.BEARER)));
                            operation
                                .getResponses()
                                .addApiResponse("401", ProblemResponses.unauthorized());
                          }));
    };
  }

  @Bean
  GlobalOperationComponentsCustomizer problemResponses() {
    return new ProblemResponses();
  }

  @Bean
  OpenApiCustomizer serializedSchemas() {
    return new SerializedSchemas();
  }
}
