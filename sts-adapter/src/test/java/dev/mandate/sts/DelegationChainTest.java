package dev.mandate.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.mandate.sts.StsHarness.Form;
import dev.mandate.sts.StsHarness.Response;
import dev.mandate.sts.oauth.TokenTypes;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delegation over real HTTP: tokens the STS issued are exchanged again (the STS trusts itself),
 * and each hop nests the previous actor under the new one (RFC 8693 §4.1).
 */
class DelegationChainTest {
  @TempDir
  static Path dir;
  static StsHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = new StsHarness(dir);
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private static Form hop(String subject, String actorSub, String audience) {
    return StsHarness.exchange(subject).add("audience", audience)
        .add("actor_token", h.actor(actorSub))
        .add("actor_token_type", TokenTypes.ACCESS_TOKEN);
  }

  private static String issued(Response r) {
    assertEquals(200, r.status(), r.body());
    return r.json().get("access_token").asText();
  }

  @Test
  void depthOneTwoAndThree() throws Exception {
    // chat-web acts for alice towards mcp-files.
    String t1 = issued(h.asChatWeb(hop(h.alice(), "chat-web", "mcp-files")));
    JWTClaimsSet c1 = h.verifyIssued(t1);
    assertEquals(Map.of("sub", "chat-web"), c1.getJSONObjectClaim("act"));

    // mcp-files exchanges that STS-issued token, acting for alice through chat-web.
    String t2 = issued(h.post(hop(t1, "mcp-files", "file-service"),
        StsHarness.basic("mcp-files", StsHarness.MCP_SECRET)));
    JWTClaimsSet c2 = h.verifyIssued(t2);
    assertEquals("alice", c2.getSubject());
    assertEquals(Map.of("sub", "mcp-files", "act", Map.of("sub", "chat-web")),
        c2.getJSONObjectClaim("act"));
    assertTrue(c2.getExpirationTime().compareTo(c1.getExpirationTime()) <= 0
        || c2.getIssueTime().after(c1.getIssueTime()), "lifetimes narrow along the chain");
    assertTrue(c2.getStringClaim("scope").split(" ").length
        <= c1.getStringClaim("scope").split(" ").length);

    // support-agent adds a third hop.
    String t3 = issued(h.post(hop(t2, "support-agent", "file-service"),
        StsHarness.basic("support-agent", StsHarness.SUPPORT_SECRET)));
    JWTClaimsSet c3 = h.verifyIssued(t3);
    assertEquals(Map.of("sub", "support-agent", "act", Map.of("sub", "mcp-files", "act",
        Map.of("sub", "chat-web"))), c3.getJSONObjectClaim("act"));
    assertEquals("support-agent", c3.getStringClaim("client_id"));

    // A fourth hop exceeds the chain depth the policy allows: no token.
    Response r4 = h.post(hop(t3, "mcp-files", "file-service"),
        StsHarness.basic("mcp-files", StsHarness.MCP_SECRET));
    assertEquals(400, r4.status());
    assertEquals("invalid_grant", r4.error());
    assertTrue(r4.json().get("error_description").asText().contains("chain_too_deep"));
    assertFalse(r4.body().contains("access_token"));
  }

  @Test
  void impersonationKeepsAnExistingChain() throws Exception {
    String t1 = issued(h.asChatWeb(hop(h.alice(), "chat-web", "mcp-files")));
    String t2 = issued(h.asChatWeb(StsHarness.exchange(t1).add("audience", "file-service")));
    assertEquals(Map.of("sub", "chat-web"), h.verifyIssued(t2).getJSONObjectClaim("act"));
  }

  @Test
  void auditNamesTheActorsNewestFirst() throws Exception {
    String t1 = issued(h.asChatWeb(hop(h.alice(), "chat-web", "mcp-files")));
    issued(h.post(hop(t1, "mcp-files", "file-service"),
        StsHarness.basic("mcp-files", StsHarness.MCP_SECRET)));
    String last = h.audit.get(h.audit.size() - 1);
    assertTrue(last.contains("\"actors\":[\"mcp-files\",\"chat-web\"]"), last);
    assertTrue(last.contains("\"subject_issuer\":\"" + StsHarness.ISSUER + "\""), last);
  }
}
