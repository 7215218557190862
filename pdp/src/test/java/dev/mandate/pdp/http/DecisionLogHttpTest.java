package dev.mandate.pdp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.mandate.pdp.config.PdpConfig;
import dev.mandate.pdp.decisionlog.Masker;
import dev.mandate.pdp.support.Policies;
import dev.mandate.pdp.support.TestPdp;
import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionLogHttpTest {
  @TempDir Path tmp;

  static final String JWT = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9"
      + ".eyJzdWIiOiJhbGljZSIsImF1ZCI6ImFwaSJ9.c2lnbmF0dXJlLWJ5dGVz";

  static final String INPUT = """
      {"request": {"audience": "api", "subject_token": "%s",
                   "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
                   "client_secret": "hunter2", "resource": "https://api.example.com"},
       "subject_token": {"sub": "alice", "raw": "%s"},
       "client": {"id": "c1", "password": "pw", "ssn": "123-45-6789"},
       "context": {"note": "%s"}}
      """.formatted(JWT, JWT, JWT);

  private static PdpConfig withLog(PdpConfig c, int queueSize, List<String> mask,
      PdpConfig.HttpSink http) {
    PdpConfig.DecisionLog d = c.decisionLog();
    return c.withDecisionLog(new PdpConfig.DecisionLog(true, d.file(), d.maxFileBytes(),
        d.maxFiles(), queueSize, mask, http, d.labels()));
  }

  @Test
  void eventsCarryOpaFieldsAndAreMasked() {
    try (TestPdp pdp = TestPdp.start(tmp, Map.of("mandate/exchange.rego", Policies.EXCHANGE),
        c -> withLog(c, 1000, List.of("/input/client/ssn"), null))) {
      ObjectValue d = (ObjectValue) TestPdp.json(pdp.post("/v1/exchange/decisions", INPUT));
      String id = ((StringValue) d.get("decision_id")).value();
      ObjectValue e = (ObjectValue) pdp.logEvents(1).get(0);

      assertEquals(StringValue.of(id), e.get("decision_id"));
      assertEquals(StringValue.of("mandate/exchange/decision"), e.get("path"));
      String ts = ((StringValue) e.get("timestamp")).value();
      assertTrue(ts.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z"), ts);
      assertEquals(StringValue.of(pdp.pdp.policies().current().revision()),
          ((ObjectValue) ((ObjectValue) e.get("bundles")).get("mandate")).get("revision"));
      ObjectValue labels = (ObjectValue) e.get("labels");
      assertEquals(StringValue.of("test-instance"), labels.get("id"));
      assertTrue(labels.get("version") instanceof StringValue);
      assertTrue(((ObjectValue) e.get("metrics")).get("timer_rego_query_eval_ns") != null);
      assertTrue(((StringValue) e.get("requested_by")).value().matches("127\\.0\\.0\\.1:\\d+"),
          "the client's address and port: " + e.get("requested_by"));
      ObjectValue result = (ObjectValue) e.get("result");
      assertEquals(d.get("allow"), result.get("allow"));
      assertEquals(d.get("grant"), result.get("grant"));

      ObjectValue input = (ObjectValue) e.get("input");
      ObjectValue request = (ObjectValue) input.get("request");
      StringValue mask = StringValue.of(Masker.MARKER);
      assertEquals(mask, request.get("subject_token"));
      assertEquals(mask, request.get("client_secret"));
      assertEquals(StringValue.of("urn:ietf:params:oauth:token-type:jwt"),
          request.get("subject_token_type"), "token types are not secrets");
      assertEquals(StringValue.of("https://api.example.com"), request.get("resource"));
      ObjectValue subjectToken = (ObjectValue) input.get("subject_token");
      assertEquals(StringValue.of("alice"), subjectToken.get("sub"), "claims stay visible");
      assertEquals(mask, subjectToken.get("raw"));
      ObjectValue client = (ObjectValue) input.get("client");
      assertEquals(mask, client.get("password"));
      assertFalse(client.containsKey(StringValue.of("ssn")), "configured path is erased");
      assertEquals(mask, ((ObjectValue) input.get("context")).get("note"));

      assertEquals(Json.parse("[\"/input/client/ssn\"]"), e.get("erased"));
      List<Value> masked = ((ArrayValue) e.get("masked")).asList();
      assertTrue(masked.contains(StringValue.of("/input/request/subject_token")), masked.toString());
      assertTrue(masked.contains(StringValue.of("/input/subject_token/raw")));

      String raw = readLog(pdp);
      assertFalse(raw.contains("hunter2"));
      assertFalse(raw.contains(JWT.substring(0, 40)));
      assertFalse(raw.contains("123-45-6789"));
    }
  }

  /**
   * With no pointer to erase, the exchange API's input is logged from the request's text and its
   * result from the response's encoding: the same values, masked the same way.
   */
  @Test
  void documentsCopiedFromTheirTextAreMaskedTheSame() {
    try (TestPdp pdp = TestPdp.start(tmp, Map.of("mandate/exchange.rego", Policies.EXCHANGE),
        c -> withLog(c, 1000, List.of(), null))) {
      ObjectValue d = (ObjectValue) TestPdp.json(pdp.post("/v1/exchange/decisions", INPUT));
      ObjectValue e = (ObjectValue) pdp.logEvents(1).get(0);

      Masker.Masked expected = new Masker(List.of()).apply(Json.parse(INPUT), null);
      assertEquals(expected.input(), e.get("input"));
      ObjectValue decision = d.without(StringValue.of("decision_id"))
          .without(StringValue.of("policy_revision"));
      assertEquals(decision, e.get("result"));
      assertEquals(new java.util.HashSet<>(expected.masked()), new java.util.HashSet<>(
          ((ArrayValue) e.get("masked")).asList().stream()
              .map(v -> ((StringValue) v).value()).toList()));
      assertFalse(e.containsKey(StringValue.of("erased")));
      String raw = readLog(pdp);
      assertFalse(raw.contains("hunter2"));
      assertFalse(raw.contains(JWT.substring(0, 40)));
      assertEquals(1, raw.strip().lines().count(), "one line per event: " + raw);
    }
  }

  private static String readLog(TestPdp pdp) {
    try {
      return java.nio.file.Files.readString(pdp.logFile);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void requestedByIsTheConnectionsPeerWhateverForwardingHeadersSay() {
    try (TestPdp pdp = TestPdp.start(tmp, Map.of("mandate/exchange.rego", Policies.EXCHANGE),
        c -> withLog(c, 1000, List.of(), null))) {
      pdp.send(HttpRequest.newBuilder(pdp.uri("/v1/exchange/decisions"))
          .header("X-Forwarded-For", "203.0.113.9")
          .header("Forwarded", "for=203.0.113.9:4711")
          .POST(HttpRequest.BodyPublishers.ofString(INPUT)).build());
      String by = ((StringValue) ((ObjectValue) pdp.logEvents(1).get(0)).get("requested_by"))
          .value();
      assertTrue(by.matches("127\\.0\\.0\\.1:\\d+"), by);
    }
  }

  @Test
  void everyApiLogsAndShutdownFlushes() {
    TestPdp pdp = TestPdp.start(tmp, Map.of("mandate/exchange.rego", Policies.EXCHANGE));
    for (int i = 0; i < 50; i++) {
      pdp.post("/v1/data/mandate/exchange/decision", "{\"input\": {\"request\": {}}}");
    }
    pdp.post("/v1/exchange/decisions", "{\"request\": {\"audience\": \"conflict\"}}");
    pdp.close();
    List<Value> events = pdp.logEvents(51);
    assertEquals(51, events.size());
    ObjectValue last = (ObjectValue) events.get(50);
    ObjectValue error = (ObjectValue) last.get("error");
    assertEquals(StringValue.of("eval_conflict_error"), error.get("code"));
    assertEquals(51, pdp.pdp.metrics().decisionLogWritten.value());
  }

  @Test
  void dropsAreCountedWhenTheQueueIsFull() throws Exception {
    // The HTTP receiver never answers in time, so the writer stalls on it and the one-slot queue
    // overflows: drops must show up in the metric.
    HttpServer stuck = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stuck.createContext("/logs", ex -> {
      try {
        Thread.sleep(2_000);
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
      ex.sendResponseHeaders(500, -1);
      ex.close();
    });
    stuck.start();
    PdpConfig.HttpSink sink = new PdpConfig.HttpSink(
        URI.create("http://127.0.0.1:" + stuck.getAddress().getPort() + "/logs"), 1,
        Duration.ofMillis(1), Duration.ofMillis(500), 1);
    try (TestPdp pdp = TestPdp.start(tmp, Map.of("mandate/exchange.rego", Policies.EXCHANGE),
        c -> withLog(c, 1, List.of(), sink))) {
      for (int i = 0; i < 40; i++) {
        pdp.post("/v1/data/mandate", "{\"input\": {}}");
      }
      long dropped = pdp.pdp.metrics().decisionLogDropped.value("queue_full");
      assertTrue(dropped > 0, "queue drops counted");
      String metrics = pdp.get("/metrics").body();
      assertTrue(metrics.contains("mandate_pdp_decision_log_dropped_total{reason=\"queue_full\"} "
          + dropped) || metrics.matches("(?s).*queue_full\"} [1-9].*"), metrics);
    } finally {
      stuck.stop(0);
    }
  }

  @Test
  void httpSinkReceivesGzippedBatches() throws Exception {
    List<Value> received = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/logs", ex -> {
      assertEquals("gzip", ex.getRequestHeaders().getFirst("Content-Encoding"));
      try (InputStream in = new GZIPInputStream(ex.getRequestBody())) {
        ArrayValue batch = (ArrayValue) Json.parse(in.readAllBytes());
        received.addAll(batch.asList());
      }
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    receiver.start();
    PdpConfig.HttpSink sink = new PdpConfig.HttpSink(
        URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/logs"), 5,
        Duration.ofMillis(100), Duration.ofSeconds(2), 100);
    try {
      TestPdp pdp = TestPdp.start(tmp, Map.of("mandate/exchange.rego", Policies.EXCHANGE),
          c -> withLog(c, 100, List.of(), sink));
      for (int i = 0; i < 12; i++) {
        pdp.post("/v1/exchange/decisions", INPUT);
      }
      pdp.close();
      assertEquals(12, received.size());
      assertEquals(12, received.stream().map(v -> ((ObjectValue) v).get("decision_id"))
          .distinct().count(), "each event kept as it was, though the writer reuses its buffer");
      ObjectValue e = (ObjectValue) received.get(0);
      assertTrue(e.get("decision_id") instanceof StringValue);
      assertFalse(Json.write(e).contains("hunter2"), "the HTTP sink gets masked events too");
    } finally {
      receiver.stop(0);
    }
  }
}
