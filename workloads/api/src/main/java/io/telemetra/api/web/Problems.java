package io.telemetra.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Builds RFC 7807 problem documents with Telemetra's problem types. */
public final class Problems {

  /** Base of every problem type URI; documented in docs/api.md. */
  public static final String TYPE_BASE = "https://telemetra.io/problems/";

  private Problems() {}

  public static URI type(String name) {
    return URI.create(TYPE_BASE + name);
  }

  /** A problem with the given parts; {@code errors} added when not empty. */
  public static ProblemDetail of(
      HttpStatus status,
      String type,
      String title,
      String detail,
      String instance,
      List<ApiException.FieldError> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type(type));
    problem.setTitle(title);
    if (instance != null) {
      problem.setInstance(URI.create(instance));
    }
    if (errors != null && !errors.isEmpty()) {
      problem.setProperty("errors", errors);
    }
    return problem;
  }

  /** Writes a problem directly to a servlet response (for filters, outside Spring MVC). */
  public static void write(
      ObjectMapper json,
      HttpServletRequest request,
      HttpServletResponse response,
      ProblemDetail problem)
      throws IOException {
    if (problem.getInstance() == null) {
      problem.setInstance(URI.create(request.getRequestURI()));
    }
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
