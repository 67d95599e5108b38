package io.telemetra.api.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into application/problem+json: client errors keep their detail, server errors
 * never show a stack trace, SQL or a class name.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest request) {
    return respond(
        Problems.of(
            e.status(),
            e.type().toString().substring(Problems.TYPE_BASE.length()),
            e.title(),
            e.getMessage(),
            request.getRequestURI(),
            e.errors()));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(
      MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    String expected = e.getRequiredType() == null ? "a valid value" : describe(e.getRequiredType());
    return api(ApiException.invalid(e.getName(), "must be " + expected), request);
  }

  @ExceptionHandler(DataAccessException.class)
  ResponseEntity<ProblemDetail> database(DataAccessException e, HttpServletRequest request) {
    log.warn(
        "Database failure on {}: {}", request.getRequestURI(), e.getMostSpecificCause().toString());
    return respond(
        Problems.of(
            HttpStatus.SERVICE_UNAVAILABLE,
            "database-unavailable",
            "Database unavailable",
            "The database could not answer; retry shortly",
            request.getRequestURI(),
            List.of()));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    log.error("Unexpected failure on {}", request.getRequestURI(), e);
    return respond(
        Problems.of(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "internal-error",
            "Internal error",
            "The server failed to answer; the failure is logged",
            request.getRequestURI(),
            List.of()));
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ApiException e = ApiException.invalid(ex.getParameterName(), "is required");
    return new ResponseEntity<>(
        Problems.of(
            HttpStatus.BAD_REQUEST,
            "invalid-parameter",
            e.title(),
            e.getMessage(),
            uri(request),
            e.errors()),
        problemHeaders(),
        HttpStatus.BAD_REQUEST);
  }

  @Override
  protected ResponseEntity<Object> createResponseEntity(
      @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    // Spring's own 4xx (405, 406, 415, no such resource): keep its status, set our instance.
    if (body instanceof ProblemDetail problem) {
      if (problem.getInstance() == null || problem.getInstance().toString().isEmpty()) {
        problem.setInstance(URI.create(uri(request)));
      }
      if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
        problem.setType(Problems.type("http-" + statusCode.value()));
      }
    }
    HttpHeaders merged = new HttpHeaders();
    merged.addAll(headers);
    merged.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return new ResponseEntity<>(body, merged, statusCode);
  }

  private static String uri(WebRequest request) {
    return request instanceof ServletWebRequest servlet
        ? servlet.getRequest().getRequestURI()
        : null;
  }

  private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus()).headers(problemHeaders()).body(problem);
  }

  private static HttpHeaders problemHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return headers;
  }

  private static String describe(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    return "a valid " + type.getSimpleName();
  }
}
