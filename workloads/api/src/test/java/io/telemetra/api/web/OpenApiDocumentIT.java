package io.telemetra.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telemetra.api.support.ApiTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code workloads/api/openapi.json} is the OpenAPI document this API serves at /v3/api-docs, byte
 * for byte. It is the contract the dashboard's TypeScript types are generated from (its build runs
 * openapi-typescript on it), so a changed response field fails here first and then in the
 * dashboard's type check wherever the dashboard uses it.
 */
class OpenApiDocumentIT extends ApiTestSupport {

  static final Path COMMITTED = Path.of("openapi.json");
  static final String UPDATE = "telemetra.openapi.update";

  @Test
  void theCommittedDocumentIsTheOneTheApiServes() throws IOException {
    String served = canonical(json(getAnonymous("/v3/api-docs")));
    if (Boolean.getBoolean(UPDATE)) {
      Files.writeString(COMMITTED, served);
    }

    assertThat(COMMITTED)
        .as(
            "workloads/api/openapi.json is out of date: regenerate it with ./mvnw -pl workloads/api"
                + " verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=OpenApiDocumentIT -D%s=true, then rebuild the"
                + " dashboard (its types come from it)",
            UPDATE)
        .exists()
        .hasContent(served);
  }

  /** Pretty-printed, without the servers list (it names the test's random port). */
  static String canonical(JsonNode document) throws IOException {
    ObjectNode copy = document.deepCopy();
    copy.remove("servers");
    return JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(copy) + "\n";
  }
}
