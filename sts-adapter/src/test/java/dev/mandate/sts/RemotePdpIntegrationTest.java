package dev.mandate.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.mandate.pdp.Pdp;
import dev.mandate.pdp.config.PdpConfig;
import dev.mandate.sts.StsHarness.Response;
import dev.mandate.sts.oauth.TokenTypes;
import dev.mandate.sts.pdp.RemotePdpClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mandate sts --pdp-url}: the STS asking Mandate's real decision service over HTTP, on the
 * same test policy, with the service's decision ids ending up in the issued tokens and its
 * decision log.
 */
class RemotePdpIntegrationTest {
  @TempDir
  Path dir;

  @Test
  void exchangesThroughTheDecisionService() throws Exception {
    Path policy = StsHarness.testPolicy(dir);
    Path log = dir.resolve("decisions.log");
    PdpConfig base = PdpConfig.defaults();
    PdpConfig cfg = base
        .withServer(new PdpConfig.Server("127.0.0.1", 0, base.server().bodyLimitBytes(), ""))
        .withPolicies(new PdpConfig.Policies(policy, false, Duration.ofSeconds(1)))
        // A cold JVM on a small CI machine: give the first evaluations room.
        .withDecisions(new PdpConfig.Decisions(base.decisions().exchangePath(),
            base.decisions().authzenPath(), Duration.ofSeconds(10),
            base.decisions().dataApiDeadline()))
        .withDecisionLog(new PdpConfig.DecisionLog(true, log, 1024 * 1024, 2, 1000, List.of(),
            null, Map.of()));
    Pdp pdp = Pdp.start(cfg);
    String id;
    String deniedId;
    try (StsHarness h = new StsHarness(dir, new RemotePdpClient(
        URI.create("http://127.0.0.1:" + pdp.port()), Duration.ofSeconds(2), 2), c -> {})) {
      Response r1 = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "mcp-files")
          .add("actor_token", h.actor("chat-web"))
          .add("actor_token_type", TokenTypes.ACCESS_TOKEN));
      assertEquals(200, r1.status(), r1.body());
      Response r2 = h.post(StsHarness.exchange(r1.json().get("access_token").asText())
          .add("audience", "file-service").add("scope", "files:read")
          .add("actor_token", h.actor("mcp-files"))
          .add("actor_token_type", TokenTypes.ACCESS_TOKEN),
          StsHarness.basic("mcp-files", StsHarness.MCP_SECRET));
      assertEquals(200, r2.status(), r2.body());
      JWTClaimsSet c = h.verifyIssued(r2.json().get("access_token").asText());
      assertEquals(Map.of("sub", "mcp-files", "act", Map.of("sub", "chat-web")),
          c.getJSONObjectClaim("act"));
      id = c.getStringClaim("decision_id");
      assertTrue(id.matches("[0-9a-f-]{36}"), id);

      Response denied = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "billing"));
      assertEquals("invalid_target", denied.error());
      deniedId = denied.json().get("decision_id").asText();
    } finally {
      pdp.close();
    }
    // Closing the service flushed its decision log.
    String logged = Files.readString(log);
    assertTrue(logged.contains(id), "the PDP logged the permit under the token's decision id");
    assertTrue(logged.contains(deniedId), "and the denial under the error's decision id");
  }
}
