package io.telemetra.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiTokenTest {

  @Test
  void onlyTheExactTokenMatches() {
    ApiToken token = ApiToken.of("s3cret");
    assertThat(token.matches("s3cret")).isTrue();
    assertThat(token.matches("s3cre")).isFalse();
    assertThat(token.matches("s3cret ")).isFalse();
    assertThat(token.matches("")).isFalse();
    assertThat(token.matches(null)).isFalse();
  }

  @Test
  void aBlankTokenIsRefusedAndTheTokenNeverPrints() {
    assertThatThrownBy(() -> ApiToken.of("  ")).isInstanceOf(IllegalArgumentException.class);
    assertThat(ApiToken.of("s3cret").toString()).doesNotContain("s3cret");
  }

  @Test
  void onlyTheApiTheWebSocketAndNonHealthActuatorNeedTheToken() {
    assertThat(BearerTokenFilter.isProtected("/api/v1/streams")).isTrue();
    assertThat(BearerTokenFilter.isProtected("/ws")).isTrue();
    assertThat(BearerTokenFilter.isProtected("/actuator/prometheus")).isTrue();
    assertThat(BearerTokenFilter.isProtected("/actuator/health")).isFalse();
    assertThat(BearerTokenFilter.isProtected("/actuator/health/readiness")).isFalse();
    assertThat(BearerTokenFilter.isProtected("/")).isFalse();
    assertThat(BearerTokenFilter.isProtected("/assets/index-abc.js")).isFalse();
    assertThat(BearerTokenFilter.isProtected("/docs")).isFalse();
    assertThat(BearerTokenFilter.isProtected("/v3/api-docs")).isFalse();
  }
}
