package dev.mandate.pdp.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.pdp.config.PdpConfig;
import dev.mandate.pdp.id.UuidV7Generator;
import dev.mandate.pdp.support.Policies;
import dev.mandate.pdp.support.TestPdp;
import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.JsonBytes;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExchangeApiTest {
  @TempDir static Path tmp;
  static TestPdp pdp;

  @BeforeAll
  static void start() {
    pdp = TestPdp.start(tmp, Map.of(
        "mandate/exchange.rego", Policies.EXCHANGE,
        "mandate/weird.rego", Policies.NOT_A_DECISION,
        "mandate/slow.rego", Policies.SLOW));
  }

  @AfterAll
  static void stop() {
    pdp.close();
  }

  private static ObjectValue decide(String body) {
    HttpResponse<String> r = pdp.post("/v1/exchange/decisions", body);
    assertEquals(200, r.statusCode(), r.body());
    return (ObjectValue) TestPdp.json(r);
  }

  @Test
  void theIdsAreAppendedToTheDecisionOrReplaceItsOwn() {
    ObjectValue deny = (ObjectValue) Json.parse("{\"allow\": false, \"deny\": {\"error\": \"e\"}}");
    assertEquals("{\"allow\":false,\"deny\":{\"error\":\"e\"},\"decision_id\":\"i\","
        + "\"policy_revision\":\"r\"}", new String(
            ExchangeHandler.withIds(deny, JsonBytes.encode(deny), "i", "r"), UTF_8));
    assertEquals("{\"decision_id\":\"i\",\"policy_revision\":\"r\"}", new String(
        ExchangeHandler.withIds(ObjectValue.EMPTY, JsonBytes.encode(ObjectValue.EMPTY), "i", "r"),
        UTF_8));
    ObjectValue own = (ObjectValue) Json.parse("{\"allow\": true, \"decision_id\": \"mine\"}");
    String text = new String(ExchangeHandler.withIds(own, JsonBytes.encode(own), "i", "r"), UTF_8);
    assertEquals("{\"allow\":true,\"decision_id\":\"i\",\"policy_revision\":\"r\"}", text);
  }

  @Test
  void permitCarriesTheGrantAnIdAndTheRevision() {
    ObjectValue d = decide("""
        {"request": {"grant_type": "urn:ietf:params:oauth:grant-type:token-exchange",
                     "audience": "api"},
         "subject_token": {"sub": "alice"}, "client": {"id": "c1"}, "context": {}}""");
    assertEquals(BooleanValue.TRUE, d.get("allow"));
    ObjectValue grant = (ObjectValue) d.get("grant");
    assertEquals(StringValue.of("api"), grant.get("audience"));
    assertEquals(StringValue.of("alice"), grant.get("subject"));
    assertEquals(StringValue.of(pdp.pdp.policies().current().revision()),
        d.get("policy_revision"));
    UUID id = UUID.fromString(((StringValue) d.get("decision_id")).value());
    assertEquals(7, id.version());
    assertEquals(2, id.variant());
    long age = System.currentTimeMillis() - UuidV7Generator.timestampMillis(id);
    assertTrue(age >= 0 && age < 60_000, "timestamp is now");
  }

  @Test
  void denyIsTheDecisionOfThePolicyWithItsOwnId() {
    ObjectValue d1 = decide("{\"request\": {\"audience\": \"other\"}}");
    ObjectValue d2 = decide("{\"request\": {\"audience\": \"other\"}}");
    assertEquals(BooleanValue.FALSE, d1.get("allow"));
    ObjectValue deny = (ObjectValue) d1.get("deny");
    assertEquals(StringValue.of("invalid_target"), deny.get("error"));
    assertNotEquals(d1.get("decision_id"), d2.get("decision_id"));
    String a = ((StringValue) d1.get("decision_id")).value();
    String b = ((StringValue) d2.get("decision_id")).value();
    assertTrue(a.compareTo(b) < 0, "decision ids are time-ordered");
  }

  @Test
  void evaluationErrorFailsClosedWithPolicyError() {
    ObjectValue d = decide("{\"request\": {\"audience\": \"conflict\"}}");
    assertFailClosed(d, "policy_error");
  }

  @Test
  void undefinedDecisionFailsClosed() {
    assertFailClosed(decide("{\"request\": {\"audience\": \"undefined\"}}"), "policy_error");
  }

  @Test
  void decisionWithoutBooleanAllowFailsClosed() {
    try (TestPdp weird = TestPdp.start(tmp.resolve("weird"),
        Map.of("w.rego", Policies.NOT_A_DECISION),
        c -> c.withDecisions(new PdpConfig.Decisions("data.mandate.weird.decision",
            PdpConfig.DEFAULT_AUTHZEN_PATH, Duration.ofMillis(50), Duration.ofSeconds(1))))) {
      HttpResponse<String> r = weird.post("/v1/exchange/decisions", "{\"request\": {}}");
      assertEquals(200, r.statusCode());
      assertFailClosed((ObjectValue) TestPdp.json(r), "policy_error");
    }
  }

  @Test
  void deadlineFailsClosedWithTimeout() {
    try (TestPdp slow = TestPdp.start(tmp.resolve("slow"), Map.of("s.rego", Policies.SLOW),
        c -> c.withDecisions(new PdpConfig.Decisions("data.mandate.slow.decision",
            PdpConfig.DEFAULT_AUTHZEN_PATH, Duration.ofMillis(50), Duration.ofSeconds(1))))) {
      long start = System.nanoTime();
      HttpResponse<String> r = slow.post("/v1/exchange/decisions", "{\"request\": {}}");
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertEquals(200, r.statusCode());
      assertFailClosed((ObjectValue) TestPdp.json(r), "timeout");
      assertTrue(ms < 2_000, "answered near the deadline, took " + ms + " ms");
      assertEquals(1, slow.pdp.metrics().decisions.value("exchange", "timeout"));
    }
  }

  private static void assertFailClosed(ObjectValue d, String reasonCode) {
    assertEquals(BooleanValue.FALSE, d.get("allow"), d.toString());
    ObjectValue deny = (ObjectValue) d.get("deny");
    assertEquals(StringValue.of("invalid_request"), deny.get("error"));
    ArrayValue reasons = (ArrayValue) deny.get("reasons");
    assertEquals(1, reasons.size());
    assertEquals(StringValue.of(reasonCode), ((ObjectValue) reasons.get(0)).get("code"));
    assertTrue(d.get("decision_id") instanceof StringValue);
    assertTrue(d.get("policy_revision") instanceof StringValue);
    assertFalse(d.toString().contains("eval_"), "no engine internals leak: " + d);
  }

  @Test
  void wrongShapesAreBadRequests() {
    assertInvalid("[1, 2]", "the decision input must be an object");
    assertInvalid("{}", "request is required");
    assertInvalid("{\"request\": []}", "request must be an object");
    assertInvalid("{\"request\": {\"audience\": 5}}", "request.audience");
    assertInvalid("{\"request\": {\"scope\": [\"a\", 1]}}", "request.scope[1]");
    assertInvalid("{\"request\": {\"grant_type\": true}}", "request.grant_type");
    assertInvalid("{\"request\": {}, \"subject_token\": 1}", "subject_token");
    assertInvalid("{\"request\": {}, \"client\": \"c\"}", "client must be an object");
    assertInvalid("{\"request\": {}, \"context\": [1]}", "context must be an object");
    assertInvalid("{\"request\": ", "not valid JSON");
    assertInvalid("", "request body is empty");
  }

  @Test
  void nullOptionalMembersMeanNotGiven() {
    HttpResponse<String> r = pdp.post("/v1/exchange/decisions", """
        {"request": {"audience": null, "scope": null, "grant_type": null},
         "subject_token": null, "actor_token": null, "client": null, "context": null}""");
    assertEquals(200, r.statusCode(), r.body());
  }

  private static void assertInvalid(String body, String messagePart) {
    HttpResponse<String> r = pdp.post("/v1/exchange/decisions", body);
    assertEquals(400, r.statusCode(), body);
    Value v = TestPdp.json(r);
    assertEquals(StringValue.of("invalid_parameter"), ((ObjectValue) v).get("code"));
    String message = ((StringValue) ((ObjectValue) v).get("message")).value();
    assertTrue(message.contains(messagePart), message);
  }

  @Test
  void concurrentDecisionsAllSucceedWithDistinctIds() throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(16);
    try {
      java.util.List<java.util.concurrent.Future<ObjectValue>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String aud = i % 2 == 0 ? "api" : "other";
        futures.add(pool.submit(() -> decide("{\"request\": {\"audience\": \"" + aud
            + "\"}, \"subject_token\": {\"sub\": \"s\"}}")));
      }
      java.util.Set<Value> ids = new java.util.HashSet<>();
      int allowed = 0;
      for (var f : futures) {
        ObjectValue d = f.get();
        ids.add(d.get("decision_id"));
        if (d.get("allow") == BooleanValue.TRUE) {
          allowed++;
        }
      }
      assertEquals(200, ids.size());
      assertEquals(100, allowed);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void bodyIsJsonWhateverTheContentType() {
    // curl -d sends application/x-www-form-urlencoded; OPA reads JSON anyway, and so do we.
    HttpResponse<String> r = pdp.send(java.net.http.HttpRequest.newBuilder(
            pdp.uri("/v1/exchange/decisions"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
            "{\"request\": {\"audience\": \"api\", \"note\": \"a+b&c=d %zz\"},\n"
                + " \"subject_token\": {\"sub\": \"alice\"}}"))
        .build());
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(BooleanValue.TRUE, ((ObjectValue) TestPdp.json(r)).get("allow"));
  }

  @Test
  void getIsNotAllowed() {
    HttpResponse<String> r = pdp.get("/v1/exchange/decisions");
    assertEquals(405, r.statusCode());
    assertEquals(StringValue.of("method_not_allowed"),
        ((ObjectValue) TestPdp.json(r)).get("code"));
  }
}
