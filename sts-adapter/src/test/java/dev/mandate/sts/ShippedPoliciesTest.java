package dev.mandate.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.mandate.sts.config.StsConfig;
import dev.mandate.sts.demo.DemoEnvironment;
import dev.mandate.sts.demo.DemoTokens;
import dev.mandate.sts.demo.DemoTour;
import dev.mandate.sts.oauth.TokenTypes;
import dev.mandate.sts.pdp.InProcessPdpClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripted tour ({@code mandate demo}) against the repository's shipped policies: permitted
 * exchange, delegation with a nested act, capped lifetime, and three denials. Skipped while the
 * repository has no policies/ folder.
 */
class ShippedPoliciesTest {
  @TempDir
  Path dir;

  private static Path policies() {
    Path policies = Path.of("..", "policies").toAbsolutePath().normalize();
    assumeTrue(Files.isRegularFile(policies.resolve("mandate/exchange/decision.rego")),
        "no shipped policies at " + policies);
    return policies;
  }

  @Test
  void delegationChainOfThreeAndNoFourth() throws Exception {
    Path policies = policies();
    DemoEnvironment env = DemoEnvironment.open(dir);
    StsConfig config = env.configure(StsConfig.defaults().withPort(0));
    try (Sts sts = Sts.start(config, new InProcessPdpClient(policies, null,
        Duration.ofSeconds(10), null), line -> {}, Clock.systemUTC())) {
      HttpClient http = HttpClient.newHttpClient();
      String alice = idp(env, "alice", "files:read files:write");
      String t1 = token(http, sts, "chat-web", alice, idp(env, "chat-web", null), "mcp-files");
      String t2 = token(http, sts, "mcp-files", t1, idp(env, "mcp-files", null), "file-service");
      String t3 = token(http, sts, "support-agent", t2, idp(env, "support-agent", null),
          "file-service");
      assertEquals(Map.of("sub", "support-agent", "act", Map.of("sub", "mcp-files", "act",
          Map.of("sub", "chat-web"))), SignedJWT.parse(t3).getJWTClaimsSet()
          .getJSONObjectClaim("act"));
      JsonNode r4 = exchange(http, sts, "mcp-files", t3, idp(env, "mcp-files", null),
          "file-service");
      assertEquals("invalid_grant", r4.path("error").asText(), r4.toString());
      assertTrue(r4.path("error_description").asText().contains("chain_too_deep"));
      assertFalse(r4.has("access_token"));
    }
  }

  private static String idp(DemoEnvironment env, String sub, String scope) {
    return DemoTokens.sign(env.issuerKey(DemoEnvironment.ACME_IDP), new DemoTokens.Spec(
        DemoEnvironment.ACME_IDP, sub, "acme", scope, List.of(DemoEnvironment.STS_ISSUER), 3600,
        null, "prod", null), Instant.now());
  }

  private static String token(HttpClient http, Sts sts, String client, String subject,
      String actor, String audience) throws Exception {
    JsonNode r = exchange(http, sts, client, subject, actor, audience);
    assertTrue(r.has("access_token"), r.toString());
    return r.get("access_token").asText();
  }

  private static JsonNode exchange(HttpClient http, Sts sts, String client, String subject,
      String actor, String audience) throws Exception {
    List<String> form = new ArrayList<>(List.of(
        "grant_type=" + enc(TokenTypes.TOKEN_EXCHANGE_GRANT),
        "subject_token=" + subject, "subject_token_type=" + enc(TokenTypes.ACCESS_TOKEN),
        "actor_token=" + actor, "actor_token_type=" + enc(TokenTypes.ACCESS_TOKEN),
        "audience=" + audience, "scope=files:read"));
    String basic = Base64.getEncoder().encodeToString((client + ":" + client + "-demo-secret")
        .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> resp = http.send(HttpRequest.newBuilder(
            URI.create(sts.baseUrl() + "/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", "Basic " + basic)
        .POST(HttpRequest.BodyPublishers.ofString(String.join("&", form))).build(),
        HttpResponse.BodyHandlers.ofString());
    return StsHarness.JSON.readTree(resp.body());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void demoTourBehavesAsDescribed() throws Exception {
    Path policies = policies();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean ok = new DemoTour(policies, new PrintStream(out, true, StandardCharsets.UTF_8)).run();
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(ok, text);
    assertTrue(text.contains("\"act\" : {"), text);
    assertTrue(text.contains("decision_id"), text);
  }
}
