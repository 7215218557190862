package dev.mandate.pdp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.pdp.config.PdpConfig;
import dev.mandate.pdp.support.Policies;
import dev.mandate.pdp.support.TestPdp;
import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthzenApiTest {
  @TempDir static Path tmp;
  static TestPdp pdp;

  static final Map<String, String> FILES = Map.of(
      "authzen/authzen.rego", Policies.AUTHZEN,
      "data.json", Policies.AUTHZEN_DATA);

  @BeforeAll
  static void start() {
    pdp = TestPdp.start(tmp, FILES);
  }

  @AfterAll
  static void stop() {
    pdp.close();
  }

  static final String ALICE = "{\"type\": \"user\", \"id\": \"alice\"}";
  static final String READ = "{\"name\": \"read\"}";
  static final String WRITE = "{\"name\": \"write\"}";

  static String doc(String id) {
    return "{\"type\": \"document\", \"id\": \"" + id + "\"}";
  }

  static String ownedDoc(String id, String owner) {
    return "{\"type\": \"document\", \"id\": \"" + id + "\", \"properties\": {\"owner\": \""
        + owner + "\"}}";
  }

  private static ObjectValue post(String path, String body) {
    HttpResponse<String> r = pdp.post(path, body);
    assertEquals(200, r.statusCode(), r.body());
    return (ObjectValue) TestPdp.json(r);
  }

  @Test
  void singleEvaluationPermitAndDeny() {
    ObjectValue permit = post("/access/v1/evaluation", "{\"subject\": " + ALICE
        + ", \"action\": " + READ + ", \"resource\": " + doc("readme") + "}");
    assertEquals(BooleanValue.TRUE, permit.get("decision"));
    ObjectValue deny = post("/access/v1/evaluation", "{\"subject\": " + ALICE
        + ", \"action\": " + WRITE + ", \"resource\": " + doc("readme")
        + ", \"context\": {\"time\": \"now\"}}");
    assertEquals(BooleanValue.FALSE, deny.get("decision"));
    assertNull(deny.get("context"));
  }

  @Test
  void requestIdIsEchoed() {
    HttpResponse<String> r = pdp.send(HttpRequest.newBuilder(pdp.uri("/access/v1/evaluation"))
        .header("X-Request-ID", "req-42")
        .POST(HttpRequest.BodyPublishers.ofString("{\"subject\": " + ALICE + ", \"action\": "
            + READ + ", \"resource\": " + doc("readme") + "}"))
        .build());
    assertEquals("req-42", r.headers().firstValue("X-Request-ID").orElse(null));
  }

  @Test
  void invalidRequestsAre400() {
    assertBad("/access/v1/evaluation", "{\"action\": " + READ + ", \"resource\": " + doc("x")
        + "}", "subject is required");
    assertBad("/access/v1/evaluation", "{\"subject\": {\"type\": \"user\"}, \"action\": " + READ
        + ", \"resource\": " + doc("x") + "}", "subject.id is required");
    assertBad("/access/v1/evaluation", "{\"subject\": " + ALICE + ", \"action\": {\"name\": 1},"
        + " \"resource\": " + doc("x") + "}", "action.name must be a string");
    assertBad("/access/v1/evaluation", "{\"subject\": " + ALICE + ", \"action\": " + READ
        + ", \"resource\": " + doc("x") + ", \"context\": 3}", "context must be an object");
    assertBad("/access/v1/evaluations", "{\"evaluations\": {}}", "evaluations must be an array");
    assertBad("/access/v1/evaluations", "{\"evaluations\": [1]}", "evaluations[0]");
    assertBad("/access/v1/evaluations", "{\"options\": {\"evaluations_semantic\": \"some\"},"
        + " \"evaluations\": [{}]}", "evaluations_semantic");
  }

  private static void assertBad(String path, String body, String messagePart) {
    HttpResponse<String> r = pdp.post(path, body);
    assertEquals(400, r.statusCode(), r.body());
    String m = ((StringValue) ((ObjectValue) TestPdp.json(r)).get("message")).value();
    assertTrue(m.contains(messagePart), m);
  }

  /** Items: read readme (permit), write readme (deny), write own doc (permit). */
  private static List<Boolean> batch(String semantic) {
    String options = semantic == null ? ""
        : "\"options\": {\"evaluations_semantic\": \"" + semantic + "\"}, ";
    ObjectValue v = post("/access/v1/evaluations", "{" + options
        + "\"subject\": " + ALICE + ", \"action\": " + WRITE + ", "
        + "\"evaluations\": ["
        + "{\"action\": " + READ + ", \"resource\": " + doc("readme") + "},"
        + "{\"resource\": " + doc("readme") + "},"
        + "{\"resource\": " + ownedDoc("d1", "alice") + "}]}");
    ArrayValue evals = (ArrayValue) v.get("evaluations");
    return evals.asList().stream()
        .map(e -> ((BooleanValue) ((ObjectValue) e).get("decision")).value()).toList();
  }

  @Test
  void batchExecuteAllIsTheDefault() {
    assertEquals(List.of(true, false, true), batch(null));
    assertEquals(List.of(true, false, true), batch("execute_all"));
  }

  @Test
  void batchDenyOnFirstDenyStopsAtTheDeny() {
    assertEquals(List.of(true, false), batch("deny_on_first_deny"));
  }

  @Test
  void batchPermitOnFirstPermitStopsAtThePermit() {
    assertEquals(List.of(true), batch("permit_on_first_permit"));
    ObjectValue v = post("/access/v1/evaluations", "{\"options\": {\"evaluations_semantic\": "
        + "\"permit_on_first_permit\"}, \"subject\": " + ALICE + ", \"evaluations\": ["
        + "{\"action\": " + WRITE + ", \"resource\": " + doc("readme") + "},"
        + "{\"action\": " + READ + ", \"resource\": " + doc("readme") + "},"
        + "{\"action\": " + READ + ", \"resource\": " + doc("changelog") + "}]}");
    assertEquals(2, ((ArrayValue) v.get("evaluations")).size());
  }

  @Test
  void batchItemErrorsAreDeniesWithErrorContext() {
    ObjectValue v = post("/access/v1/evaluations", "{\"subject\": " + ALICE
        + ", \"evaluations\": [{\"action\": " + READ + "},"
        + "{\"action\": " + READ + ", \"resource\": " + doc("readme") + "}]}");
    ArrayValue evals = (ArrayValue) v.get("evaluations");
    ObjectValue first = (ObjectValue) evals.get(0);
    assertEquals(BooleanValue.FALSE, first.get("decision"));
    ObjectValue err = (ObjectValue) ((ObjectValue) first.get("context")).get("error");
    assertEquals(NumberValue.of(400), err.get("status"));
    assertEquals(BooleanValue.TRUE, ((ObjectValue) evals.get(1)).get("decision"));
  }

  @Test
  void batchWithoutEvaluationsIsASingleEvaluation() {
    ObjectValue v = post("/access/v1/evaluations", "{\"subject\": " + ALICE
        + ", \"action\": " + READ + ", \"resource\": " + doc("readme") + "}");
    assertEquals(BooleanValue.TRUE, v.get("decision"));
    assertNull(v.get("evaluations"));
  }

  @Test
  void objectResultsCarryContext() {
    try (TestPdp explained = TestPdp.start(tmp.resolve("explained"), FILES,
        c -> c.withDecisions(new PdpConfig.Decisions(PdpConfig.DEFAULT_EXCHANGE_PATH,
            "data.mandate.authzen.explained", Duration.ofMillis(50), Duration.ofSeconds(1))))) {
      HttpResponse<String> r = explained.post("/access/v1/evaluation", "{\"subject\": " + ALICE
          + ", \"action\": " + WRITE + ", \"resource\": " + doc("readme") + "}");
      ObjectValue v = (ObjectValue) TestPdp.json(r);
      assertEquals(BooleanValue.FALSE, v.get("decision"));
      assertEquals(StringValue.of("no rule grants this access"),
          ((ObjectValue) v.get("context")).get("reason"));
    }
  }

  @Test
  void missingRuleIsADeny() {
    try (TestPdp none = TestPdp.start(tmp.resolve("none"), FILES,
        c -> c.withDecisions(new PdpConfig.Decisions(PdpConfig.DEFAULT_EXCHANGE_PATH,
            "data.nothing.here", Duration.ofMillis(50), Duration.ofSeconds(1))))) {
      HttpResponse<String> r = none.post("/access/v1/evaluation", "{\"subject\": " + ALICE
          + ", \"action\": " + READ + ", \"resource\": " + doc("readme") + "}");
      assertEquals(BooleanValue.FALSE, ((ObjectValue) TestPdp.json(r)).get("decision"));
    }
  }

  @Test
  void metadataNamesTheEndpoints() {
    HttpResponse<String> r = pdp.get("/.well-known/authzen-configuration");
    assertEquals(200, r.statusCode());
    ObjectValue v = (ObjectValue) TestPdp.json(r);
    String base = "http://127.0.0.1:" + pdp.pdp.port();
    assertEquals(StringValue.of(base), v.get("policy_decision_point"));
    assertEquals(StringValue.of(base + "/access/v1/evaluation"),
        v.get("access_evaluation_endpoint"));
    assertEquals(StringValue.of(base + "/access/v1/evaluations"),
        v.get("access_evaluations_endpoint"));
  }

  @Test
  void metadataUsesTheConfiguredPublicUrl() {
    try (TestPdp pub = TestPdp.start(tmp.resolve("pub"), FILES,
        c -> c.withServer(new PdpConfig.Server("127.0.0.1", 0, 1024 * 1024,
            "https://pdp.example.com/")))) {
      Value v = TestPdp.json(pub.get("/.well-known/authzen-configuration"));
      assertEquals(StringValue.of("https://pdp.example.com/access/v1/evaluations"),
          ((ObjectValue) v).get("access_evaluations_endpoint"));
    }
  }
}
