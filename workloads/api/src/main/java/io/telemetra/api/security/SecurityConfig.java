package io.telemetra.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetra.api.config.EnvironmentVariables;
import io.telemetra.runtime.EnvironmentSecrets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/** The API token, the bearer-token filter and CORS limited to API_CORS_ORIGINS. */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

  @Bean
  ApiToken apiToken(Environment environment) {
    Map<String, String> env = EnvironmentVariables.from(environment);
    String configured = EnvironmentSecrets.read(env, "API_AUTH_TOKEN");
    if (!configured.isBlank()) {
      return ApiToken.of(configured);
    }
    if (environment.acceptsProfiles(Profiles.of("dev"))) {
      log.warn(
          "dev profile: no API_AUTH_TOKEN set, using the built-in development token '{}'",
          ApiToken.DEV_TOKEN);
      return ApiToken.of(ApiToken.DEV_TOKEN);
    }
    throw new MissingApiTokenException();
  }

  /** Allowed browser origins, from the comma-separated API_CORS_ORIGINS (none by default). */
  @Bean
  CorsOrigins corsOrigins(Environment environment) {
    String value = EnvironmentVariables.from(environment).getOrDefault("API_CORS_ORIGINS", "");
    return new CorsOrigins(
        Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
  }

  @Bean
  FilterRegistrationBean<CorsFilter> corsFilter(CorsOrigins origins) {
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    if (!origins.values().isEmpty()) {
      CorsConfiguration config = new CorsConfiguration();
      config.setAllowedOrigins(origins.values());
      config.setAllowedMethods(List.of("GET", "HEAD", "OPTIONS"));
      config.setAllowedHeaders(List.of("Authorization", "Content-Type"));
      config.setMaxAge(3600L);
      source.registerCorsConfiguration("/**", config);
    }
    var registration = new FilterRegistrationBean<>(new CorsFilter(source));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  FilterRegistrationBean<BearerTokenFilter> bearerTokenFilter(ApiToken token, ObjectMapper json) {
    var registration = new FilterRegistrationBean<>(new BearerTokenFilter(token, json));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  /** The configured CORS origins, shared with the WebSocket's origin check. */
  public record CorsOrigins(List<String> values) {}
}
