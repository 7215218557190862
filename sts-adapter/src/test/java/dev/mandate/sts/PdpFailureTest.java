package dev.mandate.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.sts.StsHarness.Response;
import dev.mandate.sts.pdp.DecisionReader;
import dev.mandate.sts.pdp.PdpClient;
import dev.mandate.sts.pdp.PdpDecision;
import dev.mandate.sts.pdp.RemotePdpClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PDP as a separate service, and PDPs that misbehave: unreachable, failing, or permitting
 * more than was asked. None of these may ever mint a token.
 */
class PdpFailureTest {
  @TempDir
  Path dir;

  private static final String PERMIT = """
      {"allow": true, "grant": {"audience": "file-service", "scope": ["files:read"],
       "ttl_seconds": 300, "token_type": "urn:ietf:params:oauth:token-type:access_token",
       "subject": "alice", "claims": {"tenant": "acme", "client_id": "chat-web"}},
       "approval": {"required": false, "scopes": [], "approvers": []}}""";

  /** A stand-in PDP over HTTP answering every request with {@code answer(input)}. */
  private static HttpServer stubPdp(int status, Function<String, String> answer,
      AtomicInteger calls) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.createContext("/v1/exchange/decisions", ex -> {
      calls.incrementAndGet();
      String in = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      byte[] out = answer.apply(in).getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(status, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    s.start();
    return s;
  }

  private static URI url(HttpServer s) {
    return URI.create("http://127.0.0.1:" + s.getAddress().getPort());
  }

  private static void assertNoToken(Response r, int status, String error) {
    assertEquals(status, r.status(), r.body());
    assertEquals(error, r.error());
    assertFalse(r.body().contains("access_token"));
  }

  @Test
  void remotePdpPermitMintsWithItsDecisionIdAndSeesOnlyValidatedClaims() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    AtomicReference<String> seen = new AtomicReference<>();
    HttpServer pdp = stubPdp(200, in -> {
      seen.set(in);
      return PERMIT.replace("{\"allow\"", "{\"decision_id\": \"remote-1\", "
          + "\"policy_revision\": \"r1\", \"allow\"");
    }, calls);
    try (StsHarness h = new StsHarness(dir, new RemotePdpClient(url(pdp), Duration.ofSeconds(2),
        2), c -> {})) {
      String subject = h.alice();
      Response r = h.asChatWeb(StsHarness.exchange(subject).add("audience", "file-service")
          .add("scope", "files:read"));
      assertEquals(200, r.status(), r.body());
      JWTClaimsSet c = h.verifyIssued(r.json().get("access_token").asText());
      assertEquals("remote-1", c.getStringClaim("decision_id"));
      assertEquals(300, r.json().get("expires_in").asLong());
      ObjectValue input = (ObjectValue) Json.parse(seen.get());
      assertFalse(seen.get().contains(subject), "raw tokens never reach the PDP");
      assertTrue(seen.get().contains("\"sub\":\"alice\""), seen.get());
      assertEquals("chat-web", Json.write(input.get("client")).contains("chat-web") ? "chat-web"
          : "");
      assertTrue(seen.get().contains("\"authentication_method\":\"client_secret_basic\""));
      assertTrue(seen.get().contains("\"issuer\":\"https://idp.test\""));
    } finally {
      pdp.stop(0);
    }
  }

  @Test
  void wrappedDecisionShapeIsAccepted() throws Exception {
    HttpServer pdp = stubPdp(200, in -> "{\"decision_id\": \"remote-2\", \"decision\": "
        + PERMIT + "}", new AtomicInteger());
    try (StsHarness h = new StsHarness(dir, new RemotePdpClient(url(pdp), Duration.ofSeconds(2),
        0), c -> {})) {
      Response r = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "file-service"));
      assertEquals(200, r.status(), r.body());
    } finally {
      pdp.stop(0);
    }
  }

  @Test
  void unreachablePdpIsTemporarilyUnavailable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (StsHarness h = new StsHarness(dir, new RemotePdpClient(
        URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(1), 2), c -> {})) {
      Response r = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "file-service"));
      assertNoToken(r, 503, "temporarily_unavailable");
      assertTrue(h.audit.get(h.audit.size() - 1).contains("temporarily_unavailable"));
    }
  }

  @Test
  void pdpServerErrorIsNotRetriedAndMintsNothing() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpServer pdp = stubPdp(500, in -> "{}", calls);
    try (StsHarness h = new StsHarness(dir, new RemotePdpClient(url(pdp), Duration.ofSeconds(2),
        3), c -> {})) {
      Response r = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "file-service"));
      assertNoToken(r, 503, "temporarily_unavailable");
      assertEquals(1, calls.get());
    } finally {
      pdp.stop(0);
    }
  }

  @Test
  void slowPdpTimesOut() throws Exception {
    HttpServer pdp = stubPdp(200, in -> {
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return PERMIT;
    }, new AtomicInteger());
    try (StsHarness h = new StsHarness(dir, new RemotePdpClient(url(pdp),
        Duration.ofMillis(300), 2), c -> {})) {
      Response r = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "file-service"));
      assertNoToken(r, 503, "temporarily_unavailable");
    } finally {
      pdp.stop(0);
    }
  }

  @Test
  void garbageFromThePdpIsAServerError() throws Exception {
    HttpServer pdp = stubPdp(200, in -> "{\"decision_id\": \"x\", \"allow\": \"yes\"}",
        new AtomicInteger());
    try (StsHarness h = new StsHarness(dir, new RemotePdpClient(url(pdp), Duration.ofSeconds(2),
        0), c -> {})) {
      Response r = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "file-service"));
      assertNoToken(r, 500, "server_error");
    } finally {
      pdp.stop(0);
    }
  }

  /** A PDP that permits whatever {@code decision} says, in-process. */
  private static PdpClient fixed(String decision) {
    return new PdpClient() {
      @Override
      public PdpDecision decide(ObjectValue input) {
        return DecisionReader.read(Json.parse(decision), "fixed-1", "r");
      }

      @Override
      public String describe() {
        return "fixed";
      }
    };
  }

  private void assertGrantRefused(String decision, String scope) throws Exception {
    try (StsHarness h = new StsHarness(dir, fixed(decision), c -> {})) {
      StsHarness.Form f = StsHarness.exchange(h.alice()).add("audience", "file-service");
      if (scope != null) {
        f.add("scope", scope);
      }
      Response r = h.asChatWeb(f);
      assertNoToken(r, 500, "server_error");
      assertEquals("fixed-1", r.json().get("decision_id").asText());
    }
  }

  @Test
  void grantWideningTheScopeIsRefused() throws Exception {
    assertGrantRefused(PERMIT.replace("[\"files:read\"]", "[\"files:read\", \"files:write\"]"),
        "files:read");
  }

  @Test
  void grantForAnUnrequestedAudienceIsRefused() throws Exception {
    assertGrantRefused(PERMIT.replace("\"audience\": \"file-service\"",
        "\"audience\": \"billing\""), null);
  }

  @Test
  void grantAboveTheGlobalTtlCapIsRefused() throws Exception {
    assertGrantRefused(PERMIT.replace("\"ttl_seconds\": 300", "\"ttl_seconds\": 86400"), null);
  }

  @Test
  void grantWithZeroTtlIsRefused() throws Exception {
    assertGrantRefused(PERMIT.replace("\"ttl_seconds\": 300", "\"ttl_seconds\": 0"), null);
  }

  @Test
  void grantForAnotherSubjectIsRefused() throws Exception {
    assertGrantRefused(PERMIT.replace("\"subject\": \"alice\"", "\"subject\": \"root\""), null);
  }

  @Test
  void grantOverridingAReservedClaimIsRefused() throws Exception {
    assertGrantRefused(PERMIT.replace("\"tenant\": \"acme\"", "\"iss\": \"https://evil\""),
        null);
  }

  @Test
  void grantNamingAnotherClientIsRefused() throws Exception {
    assertGrantRefused(PERMIT.replace("\"client_id\": \"chat-web\"",
        "\"client_id\": \"mcp-files\""), null);
  }

  @Test
  void grantWithEmptyScopeIsRefused() throws Exception {
    assertGrantRefused(PERMIT.replace("[\"files:read\"]", "[]"), null);
  }

  @Test
  void grantWithMalformedActIsRefused() throws Exception {
    assertGrantRefused(PERMIT.replace("\"subject\": \"alice\"",
        "\"subject\": \"alice\", \"act\": {\"act\": {\"sub\": \"x\"}}"), null);
  }

  @Test
  void permitWithoutGrantIsRefused() throws Exception {
    assertGrantRefused("{\"allow\": true}", null);
  }

  @Test
  void grantWithinTheRequestIsMinted() throws Exception {
    try (StsHarness h = new StsHarness(dir, fixed(PERMIT), c -> {})) {
      Response r = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "file-service")
          .add("scope", "files:read files:write"));
      assertEquals(200, r.status(), r.body());
    }
  }

  @Test
  void unknownDenyErrorBecomesInvalidRequest() throws Exception {
    String deny = "{\"allow\": false, \"deny\": {\"error\": \"totally_custom\", \"reasons\":"
        + " [{\"code\": \"custom_rule\", \"message\": \"secret internals\"}]}}";
    try (StsHarness h = new StsHarness(dir, fixed(deny), c -> {})) {
      Response r = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "file-service"));
      assertNoToken(r, 400, "invalid_request");
      assertTrue(r.json().get("error_description").asText().contains("custom_rule"));
      assertFalse(r.body().contains("secret internals"));
    }
  }

  @Test
  void pdpThatCouldNotDecideIsNotBlamedOnTheClient() throws Exception {
    String timeout = "{\"allow\": false, \"deny\": {\"error\": \"invalid_request\", \"reasons\":"
        + " [{\"code\": \"timeout\", \"message\": \"m\"}]}}";
    try (StsHarness h = new StsHarness(dir, fixed(timeout), c -> {})) {
      assertNoToken(h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "file-service")),
          503, "temporarily_unavailable");
    }
    String broken = timeout.replace("\"timeout\"", "\"policy_error\"");
    try (StsHarness h = new StsHarness(dir, fixed(broken), c -> {})) {
      assertNoToken(h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "file-service")),
          500, "server_error");
    }
  }
}
