package io.telemetra.api.web;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A client error with its problem type, answered as application/problem+json. */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String type;
  private final String title;
  private final List<FieldError> errors;

  /** One invalid input: which parameter and why. */
  public record FieldError(String field, String message) {}

  public ApiException(
      HttpStatus status, String type, String title, String detail, List<FieldError> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  /** 400: one parameter is invalid. */
  public static ApiException invalid(String field, String message) {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        "invalid-parameter",
        "Invalid request parameter",
        field + ": " + message,
        List.of(new FieldError(field, message)));
  }

  /** 404: a stream that does not exist. */
  public static ApiException unknownStream(String streamId) {
    return new ApiException(
        HttpStatus.NOT_FOUND,
        "unknown-stream",
        "Unknown stream",
        "No stream with id '" + streamId + "'",
        List.of());
  }

  /** 404: a known stream that has no window yet. */
  public static ApiException noWindowYet(String streamId) {
    return new ApiException(
        HttpStatus.NOT_FOUND,
        "no-window",
        "No window yet",
        "Stream '" + streamId + "' has no aggregated window yet",
        List.of());
  }

  public HttpStatus status() {
    return status;
  }

  public URI type() {
    return Problems.type(type);
  }

  public String title() {
    return title;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
