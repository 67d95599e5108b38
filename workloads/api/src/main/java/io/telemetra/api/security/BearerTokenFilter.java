package io.telemetra.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetra.api.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires the bearer token on the API, the WebSocket and the actuator (health excepted). The
 * dashboard's static files, Swagger UI and the OpenAPI document stay open. The WebSocket may pass
 * the token as {@code ?access_token=} because browsers cannot set headers on it.
 */
public class BearerTokenFilter extends OncePerRequestFilter {

  static final String WEBSOCKET_PATH = "/ws";
  private static final String CHALLENGE = "Bearer realm=\"telemetra\"";

  private final ApiToken token;
  private final ObjectMapper json;

  public BearerTokenFilter(ApiToken token, ObjectMapper json) {
    this.token = token;
    this.json = json;
  }

  /** True for paths that need the token. */
  public static boolean isProtected(String path) {
    if (path.startsWith("/api/") || path.equals("/api") || path.equals(WEBSOCKET_PATH)) {
      return true;
    }
    if (path.startsWith("/actuator")) {
      return !(path.equals("/actuator/health") || path.startsWith("/actuator/health/"));
    }
    return false;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!isProtected(path) || CorsUtils.isPreFlightRequest(request)) {
      chain.doFilter(request, response);
      return;
    }
    String presented = bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
    if (presented == null && path.equals(WEBSOCKET_PATH)) {
      presented = request.getParameter("access_token");
    }
    if (presented == null || presented.isEmpty()) {
      reject(
          request,
          response,
          CHALLENGE,
          "Missing bearer token",
          "Send 'Authorization: Bearer <token>'");
      return;
    }
    if (!token.matches(presented)) {
      reject(
          request,
          response,
          CHALLENGE + ", error=\"invalid_token\"",
          "Invalid bearer token",
          "The bearer token is not valid");
      return;
    }
    chain.doFilter(request, response);
  }

  private static String bearer(String header) {
    if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).strip();
  }

  private void reject(
      HttpServletRequest request,
      HttpServletResponse response,
      String challenge,
      String title,
      String detail)
      throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
    Problems.write(
        json,
        request,
        response,
        Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", title, detail, null, List.of()));
  }
}
