package dev.mandate.pdp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.pdp.support.Policies;
import dev.mandate.pdp.support.TestPdp;
import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataApiTest {
  @TempDir static Path tmp;
  static TestPdp pdp;

  static final String APP = """
      package app

      greeting := sprintf_free if { sprintf_free := concat(" ", ["hello", input.name]) }

      is_admin if input.role == "admin"

      conflict := 1 if input.x
      conflict := 2 if input.x
      """;

  @BeforeAll
  static void start() {
    pdp = TestPdp.start(tmp, Map.of(
        "app/app.rego", APP,
        "app/config/data.json", "{\"limits\": [10, 20, 30], \"odd-name\": {\"k\": true}}",
        "users/data.yaml", "alice:\n  since: 2024-01-02\n  roles: [admin]\n"));
  }

  @AfterAll
  static void stop() {
    pdp.close();
  }

  private static ObjectValue ok(HttpResponse<String> r) {
    assertEquals(200, r.statusCode(), r.body());
    ObjectValue v = (ObjectValue) TestPdp.json(r);
    assertTrue(v.get("decision_id") instanceof StringValue, "has decision_id: " + r.body());
    return v;
  }

  @Test
  void postWithInputReturnsResult() {
    ObjectValue v = ok(pdp.post("/v1/data/app/greeting", "{\"input\": {\"name\": \"bob\"}}"));
    assertEquals(StringValue.of("hello bob"), v.get("result"));
    assertNull(v.get("warning"));
  }

  @Test
  void undefinedOmitsResult() {
    ObjectValue v = ok(pdp.post("/v1/data/app/is_admin", "{\"input\": {\"role\": \"user\"}}"));
    assertFalse(v.containsKey(StringValue.of("result")), v.toString());
  }

  @Test
  void postWithoutInputWarnsAsOpaDoes() {
    ObjectValue v = ok(pdp.post("/v1/data/app/config/limits", ""));
    assertEquals(Json.parse("[10, 20, 30]"), v.get("result"));
    ObjectValue w = (ObjectValue) v.get("warning");
    assertEquals(StringValue.of("api_usage_warning"), w.get("code"));
    ObjectValue v2 = ok(pdp.post("/v1/data/app/config/limits", "{}"));
    assertTrue(v2.get("warning") instanceof ObjectValue);
  }

  @Test
  void getReadsDocumentsAndIndexesArrays() {
    assertEquals(NumberValue.of(20), ok(pdp.get("/v1/data/app/config/limits/1")).get("result"));
    assertEquals(BooleanValue.TRUE,
        ok(pdp.get("/v1/data/app/config/odd-name/k")).get("result"));
  }

  @Test
  void getTakesInputAsQueryParameter() {
    String input = URLEncoder.encode("{\"role\": \"admin\"}", StandardCharsets.UTF_8);
    assertEquals(BooleanValue.TRUE,
        ok(pdp.get("/v1/data/app/is_admin?input=" + input)).get("result"));
  }

  @Test
  void dataFilesArePlacedByDirectoryAndYamlDatesStayStrings() {
    ObjectValue alice = (ObjectValue) ok(pdp.get("/v1/data/users/alice")).get("result");
    assertEquals(StringValue.of("2024-01-02"), alice.get("since"));
    assertEquals(Json.parse("[\"admin\"]"), alice.get("roles"));
  }

  @Test
  void wholeDataDocument() {
    ObjectValue v = ok(pdp.post("/v1/data", "{\"input\": {}}"));
    ObjectValue data = (ObjectValue) v.get("result");
    assertTrue(data.get("app") instanceof ObjectValue);
    assertTrue(data.get("users") instanceof ObjectValue);
    assertTrue(ok(pdp.get("/v1/data")).get("result") instanceof ObjectValue);
  }

  @Test
  void metricsAreAddedOnRequest() {
    ObjectValue v = ok(pdp.post("/v1/data/app/greeting?metrics=true",
        "{\"input\": {\"name\": \"x\"}}"));
    ObjectValue m = (ObjectValue) v.get("metrics");
    for (String timer : new String[] {"timer_rego_query_eval_ns", "timer_server_handler_ns",
        "timer_rego_input_parse_ns"}) {
      assertTrue(m.get(timer) instanceof NumberValue n && n.signum() >= 0, timer);
    }
    assertNull(ok(pdp.post("/v1/data/app/greeting", "{\"input\": {}}")).get("metrics"));
  }

  @Test
  void prettyPrintsLikeOpa() {
    HttpResponse<String> r = pdp.get("/v1/data/app/config/limits?pretty=true");
    assertTrue(r.body().contains("\n  \"result\": [\n    10,\n"), r.body());
  }

  @Test
  void evaluationErrorIsInternalErrorWithEngineErrors() {
    HttpResponse<String> r = pdp.post("/v1/data/app/conflict", "{\"input\": {\"x\": true}}");
    assertEquals(500, r.statusCode(), r.body());
    ObjectValue v = (ObjectValue) TestPdp.json(r);
    assertEquals(StringValue.of("internal_error"), v.get("code"));
    ObjectValue first = (ObjectValue) ((ArrayValue) v.get("errors")).get(0);
    assertEquals(StringValue.of("eval_conflict_error"), first.get("code"));
  }

  @Test
  void malformedBodiesAreInvalidParameter() {
    for (String body : new String[] {"{\"input\": ", "[1]", "\"x\""}) {
      HttpResponse<String> r = pdp.post("/v1/data/app/greeting", body);
      assertEquals(400, r.statusCode(), body);
      assertEquals(StringValue.of("invalid_parameter"),
          ((ObjectValue) TestPdp.json(r)).get("code"));
    }
    HttpResponse<String> r = pdp.get("/v1/data/app/is_admin?input=%7Bnope");
    assertEquals(400, r.statusCode());
  }

  @Test
  void otherMethodsAreNotAllowed() {
    HttpResponse<String> r = pdp.send(java.net.http.HttpRequest.newBuilder(
        pdp.uri("/v1/data/app")).DELETE().build());
    assertEquals(405, r.statusCode());
  }
}
