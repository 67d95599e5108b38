package io.telemetra.api.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.telemetra.api.web.Problems;
import io.telemetra.api.web.TouchesNoData;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.customizers.GlobalOperationComponentsCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

/**
 * Declares on each operation the problems (docs/api.md, "Errors") it can really answer, so that the
 * document names every status a client will see and the body that comes with it: 400
 * invalid-parameter where the operation takes parameters, 404 where its path names a stream that
 * may not exist, 503 database-unavailable unless it is marked {@link TouchesNoData}. The 401 goes
 * with the bearer scheme, by path ({@link OpenApiConfig}).
 */
final class ProblemResponses implements GlobalOperationComponentsCustomizer {

  static final String PROBLEM = "Problem";
  static final String FIELD_ERROR = "FieldError";
  static final String PROBLEM_JSON =
      org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

  @Override
  public Operation customize(Operation operation, Components components, HandlerMethod handler) {
    if (components.getSchemas() == null || !components.getSchemas().containsKey(PROBLEM)) {
      components.addSchemas(FIELD_ERROR, fieldErrorSchema()).addSchemas(PROBLEM, problemSchema());
    }
    return customize(operation, handler);
  }

  @Override
  public Operation customize(Operation operation, HandlerMethod handler) {
    if (operation.getResponses() == null) {
      operation.setResponses(new ApiResponses());
    }
    ApiResponses responses = operation.getResponses();
    boolean pathParameters = takes(handler, PathVariable.class);
    if (pathParameters || takes(handler, RequestParam.class)) {
      responses.addApiResponse(
          "400",
          problem(
              "A parameter is invalid (invalid-parameter); `errors` names it. Leave a parameter"
                  + " out rather than sending it empty."));
    }
    if (pathParameters) {
      responses.addApiResponse(
          "404",
          problem(
              "No such stream (unknown-stream), or no window yet for a known one (no-window,"
                  + " /live only)."));
    }
    if (!handler.hasMethodAnnotation(TouchesNoData.class)) {
      responses.addApiResponse(
          "503", problem("The database did not answer (database-unavailable); retry shortly."));
    }
    return operation;
  }

  private static boolean takes(HandlerMethod handler, Class<? extends Annotation> kind) {
    return Arrays.stream(handler.getMethodParameters())
        .anyMatch(p -> p.hasParameterAnnotation(kind));
  }

  /** The 401 of an operation that needs the bearer token, with its challenge header. */
  static ApiResponse unauthorized() {
    return problem("The bearer token is missing or wrong (unauthorized).")
        .addHeaderObject(
            HttpHeaders.WWW_AUTHENTICATE,
            new Header()
                .required(true)
                .description("Bearer realm=\"telemetra\", with error=\"invalid_token\" if wrong")
                .schema(new StringSchema()));
  }

  /** A response whose body is an application/problem+json {@code Problem}. */
  static ApiResponse problem(String description) {
    return new ApiResponse()
        .description(description)
        .content(
            new Content()
                .addMediaType(
                    PROBLEM_JSON,
                    new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
  }

  /** RFC 7807 as {@link io.telemetra.api.web.ProblemHandler} and the bearer filter write it. */
  private static Schema<?> problemSchema() {
    return new ObjectSchema()
        .description("An RFC 7807 problem; `type` is one of " + Problems.TYPE_BASE + "...")
        .addProperty("type", new StringSchema().format("uri"))
        .addProperty("title", new StringSchema())
        .addProperty("status", new IntegerSchema())
        .addProperty("detail", new StringSchema())
        .addProperty("instance", new StringSchema().description("the request's path"))
        .addProperty(
            "errors",
            new ArraySchema()
                .items(new Schema<>().$ref("#/components/schemas/" + FIELD_ERROR))
                .description("for invalid input: which parameters, and why"))
        .required(List.of("type", "title", "status", "detail", "instance"));
  }

  private static Schema<?> fieldErrorSchema() {
    return new ObjectSchema()
        .addProperty("field", new StringSchema())
        .addProperty("message", new StringSchema())
        .required(List.of("field", "message"));
  }
}
