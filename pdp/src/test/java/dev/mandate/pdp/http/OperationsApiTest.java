package dev.mandate.pdp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.pdp.config.PdpConfig;
import dev.mandate.pdp.support.Policies;
import dev.mandate.pdp.support.TestPdp;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health, readiness, metrics, and the error answers for requests that reach no handler. */
class OperationsApiTest {
  @TempDir static Path tmp;
  static TestPdp pdp;

  @BeforeAll
  static void start() {
    pdp = TestPdp.start(tmp, Map.of("mandate/exchange.rego", Policies.EXCHANGE),
        c -> c.withServer(new PdpConfig.Server("127.0.0.1", 0, 4096, "")));
  }

  @AfterAll
  static void stop() {
    pdp.close();
  }

  @Test
  void healthAndReadinessReportTheRevision() {
    String revision = pdp.pdp.policies().current().revision();
    for (String path : new String[] {"/health", "/health?bundles", "/health?plugins",
        "/health/ready", "/ready"}) {
      HttpResponse<String> r = pdp.get(path);
      assertEquals(200, r.statusCode(), path);
      assertEquals(StringValue.of(revision),
          ((ObjectValue) TestPdp.json(r)).get("policy_revision"), path);
    }
    HttpResponse<String> live = pdp.get("/health/live");
    assertEquals(200, live.statusCode());
    assertEquals("{}", live.body());
  }

  @Test
  void metricsAreInPrometheusTextFormat() {
    pdp.post("/v1/exchange/decisions",
        "{\"request\": {\"audience\": \"api\"}, \"subject_token\": {\"sub\": \"a\"}}");
    pdp.post("/v1/exchange/decisions", "{\"request\": {\"audience\": \"nope\"}}");
    HttpResponse<String> r = pdp.get("/metrics");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    String text = r.body();
    assertTrue(text.contains("# TYPE mandate_pdp_decisions_total counter"), text);
    assertTrue(text.matches("(?s).*mandate_pdp_decisions_total\\{api=\"exchange\","
        + "outcome=\"allow\"} [1-9].*"), text);
    assertTrue(text.matches("(?s).*mandate_pdp_decisions_total\\{api=\"exchange\","
        + "outcome=\"deny\"} [1-9].*"), text);
    assertTrue(text.contains("# TYPE mandate_pdp_evaluation_duration_seconds histogram"));
    assertTrue(text.contains(
        "mandate_pdp_evaluation_duration_seconds_bucket{api=\"exchange\",le=\"+Inf\"}"));
    assertTrue(text.contains("mandate_pdp_policy_reloads_total{result=\"failed\"} 0"));
    assertTrue(text.contains("mandate_pdp_decision_log_dropped_total{reason=\"queue_full\"} 0"));
    assertTrue(text.matches("(?s).*\nmandate_pdp_decision_log_queued_bytes [0-9.e+E]+\n.*"), text);
    assertTrue(text.contains("mandate_pdp_policy_revision_info{revision=\""
        + pdp.pdp.policies().current().revision() + "\"} 1"));
    assertTrue(text.contains("mandate_pdp_request_body_rejected_total{reason=\"too_large\"}"));
  }

  @Test
  void oversizedBodyIs413AndCounted() {
    long before = pdp.pdp.metrics().bodyRejected.value("too_large");
    String big = "{\"request\": {\"pad\": \"" + "x".repeat(10_000) + "\"}}";
    HttpResponse<String> r = pdp.post("/v1/exchange/decisions", big);
    assertEquals(413, r.statusCode());
    ObjectValue v = (ObjectValue) TestPdp.json(r);
    assertEquals(StringValue.of("invalid_parameter"), v.get("code"));
    assertTrue(((StringValue) v.get("message")).value().contains("4096"));
    assertEquals(before + 1, pdp.pdp.metrics().bodyRejected.value("too_large"));
  }

  @Test
  void chunkedOversizedBodyIs413Too() {
    byte[] big = ("{\"input\": \"" + "y".repeat(20_000) + "\"}").getBytes();
    HttpResponse<String> r = pdp.send(HttpRequest.newBuilder(pdp.uri("/v1/data"))
        .POST(HttpRequest.BodyPublishers.ofInputStream(
            () -> new java.io.ByteArrayInputStream(big)))
        .build());
    assertEquals(413, r.statusCode());
  }

  @Test
  void aChunkedBodyWithoutContentLengthIsReadWhole() {
    // Sent in pieces of at most 100 bytes with no Content-Length: the body grows from nothing.
    byte[] body = ("{\"request\": {\"audience\": \"api\", \"pad\": \"" + "p".repeat(3_000)
        + "\"}, \"subject_token\": {\"sub\": \"a\"}}").getBytes();
    HttpResponse<String> r = pdp.send(HttpRequest.newBuilder(pdp.uri("/v1/exchange/decisions"))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.InputStream() {
          private int at;

          @Override
          public int read() {
            return at < body.length ? body[at++] : -1;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (at >= body.length) {
              return -1;
            }
            int n = Math.min(Math.min(len, 100), body.length - at);
            System.arraycopy(body, at, b, off, n);
            at += n;
            return n;
          }
        }))
        .build());
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(dev.mandate.rego.value.BooleanValue.TRUE, ((ObjectValue) TestPdp.json(r)).get("allow"));
  }

  @Test
  void malformedJsonIs400AndCounted() {
    long before = pdp.pdp.metrics().bodyRejected.value("malformed");
    long before4xx = pdp.pdp.metrics().httpResponses.value("4xx");
    HttpResponse<String> r = pdp.post("/access/v1/evaluation", "{oops");
    assertEquals(400, r.statusCode());
    assertEquals(StringValue.of("invalid_parameter"), ((ObjectValue) TestPdp.json(r)).get("code"));
    assertEquals(before + 1, pdp.pdp.metrics().bodyRejected.value("malformed"));
    assertEquals(before4xx + 1, pdp.pdp.metrics().httpResponses.value("4xx"));
  }

  @Test
  void responsesAreCountedByStatusClass() {
    assertEquals("2xx", PdpRouter.statusClass(200));
    assertEquals("4xx", PdpRouter.statusClass(413));
    assertEquals("5xx", PdpRouter.statusClass(503));
    assertEquals("9xx", PdpRouter.statusClass(999), "an unusual code still gets its class");
  }

  @Test
  void unknownPathIs404Json() {
    HttpResponse<String> r = pdp.get("/v2/nothing");
    assertEquals(404, r.statusCode());
    assertEquals(StringValue.of("resource_not_found"),
        ((ObjectValue) TestPdp.json(r)).get("code"));
  }

  @Test
  void wrongMethodIs405Json() {
    for (String path : new String[] {"/metrics", "/access/v1/evaluation", "/health"}) {
      HttpResponse<String> r = path.equals("/access/v1/evaluation")
          ? pdp.get(path)
          : pdp.post(path, "{}");
      assertEquals(405, r.statusCode(), path);
      assertEquals(StringValue.of("method_not_allowed"),
          ((ObjectValue) TestPdp.json(r)).get("code"));
    }
  }

  @Test
  void notReadyAfterClose() {
    try (TestPdp other = TestPdp.start(tmp.resolve("other"),
        Map.of("mandate/exchange.rego", Policies.EXCHANGE))) {
      assertTrue(other.pdp.isReady());
      other.pdp.close();
      assertTrue(!other.pdp.isReady());
    }
  }
}
