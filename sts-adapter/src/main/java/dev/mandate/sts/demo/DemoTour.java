package dev.mandate.sts.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mandate.sts.Sts;
import dev.mandate.sts.config.StsConfig;
import dev.mandate.sts.jose.Jws;
import dev.mandate.sts.oauth.TokenTypes;
import dev.mandate.sts.pdp.InProcessPdpClient;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * {@code mandate demo}: starts an STS with the in-process PDP on a free port, in a fresh state
 * folder, and walks through a permitted exchange, a delegation chain, a capped lifetime and
 * three denials, printing what a client sees. Returns false if any step did not behave as
 * described.
 */
public final class DemoTour {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path policies;
  private final PrintStream out;
  private final HttpClient http = HttpClient.newHttpClient();
  private boolean allAsExpected = true;
  private String base;
  private DemoEnvironment env;

  public DemoTour(Path policies, PrintStream out) {
    this.policies = policies;
    this.out = out;
  }

  public boolean run() throws Exception {
    if (!Files.isDirectory(policies)) {
      out.println("mandate demo: policy folder " + policies + " not found (use --policies)");
      return false;
    }
    Path state = Files.createTempDirectory("mandate-demo");
    env = DemoEnvironment.open(state);
    StsConfig config = env.configure(StsConfig.defaults().withPort(0));
    List<String> audit = new ArrayList<>();
    try (Sts sts = Sts.start(config, new InProcessPdpClient(policies, null,
        InProcessPdpClient.DEFAULT_DEADLINE, null), audit::add, Clock.systemUTC())) {
      base = sts.baseUrl();
      out.println("Mandate STS demo: STS at " + base + ", " + sts.pdp().describe());
      tour();
      out.println();
      out.println("Audit log (one line per exchange, no token strings):");
      audit.forEach(l -> out.println("  " + l));
    }
    out.println();
    out.println(allAsExpected ? "Every step behaved as described."
        : "SOME STEPS DID NOT BEHAVE AS DESCRIBED.");
    return allAsExpected;
  }

  private void tour() throws Exception {
    String alice = subject(DemoEnvironment.ACME_IDP, "alice", "acme",
        "files:read files:write calendar:read");
    String chatWebActor = subject(DemoEnvironment.ACME_IDP, "chat-web", "acme", null);
    String mcpActor = subject(DemoEnvironment.ACME_IDP, "mcp-files", "acme", null);

    step("1. chat-web exchanges alice's token for file-service with scope files:read");
    JsonNode r1 = exchange(basic("chat-web"), form(alice, null, "file-service", "files:read",
        null));
    expectToken(r1);

    step("2. Delegation: chat-web acts for alice towards the MCP server mcp-files ...");
    JsonNode r2 = exchange(basic("chat-web"), form(alice, chatWebActor, "mcp-files",
        "files:read files:write", null));
    expectToken(r2);
    if (r2.has("access_token")) {
      step("   ... and mcp-files (private_key_jwt) exchanges that token for file-service,"
          + " acting for alice through chat-web");
      List<String[]> f = form(r2.get("access_token").asText(), mcpActor, "file-service",
          "files:read", null);
      f.addAll(privateKeyJwt());
      JsonNode r3 = exchange(null, f);
      expectToken(r3);
    }

    step("3. Lifetime: chat-web asks for 3000 s; the client's cap is lower");
    JsonNode r4 = exchange(basic("chat-web"), form(alice, null, "calendar", "calendar:read",
        "3000"));
    expectToken(r4);
    if (r4.has("expires_in") && r4.get("expires_in").asLong() >= 3000) {
      out.println("   !! expected expires_in below 3000");
      allAsExpected = false;
    }

    step("4a. Denied: mcp-files asks for calendar, an audience it may not reach");
    expectError(exchange(basic("mcp-files"), form(alice, mcpActor, "calendar",
        "calendar:read", null)), "invalid_target");

    step("4b. Denied: chat-web asks for files:delete, which alice's token does not hold");
    expectError(exchange(basic("chat-web"), form(alice, null, "file-service", "files:delete",
        null)), "invalid_scope");

    step("4c. Denied: a Globex user's token (federated IdP) used by Acme's chat-web for Acme's"
        + " file-service");
    String bob = subject(DemoEnvironment.PARTNER_IDP, "bob@globex", null, "files:read");
    List<String[]> f = form(bob, null, "file-service", "files:read", null);
    f.set(2, new String[] {"subject_token_type", TokenTypes.JWT});
    expectError(exchange(basic("chat-web"), f), "invalid_target");
  }

  private String subject(String issuer, String sub, String tenant, String scope) {
    return DemoTokens.sign(env.issuerKey(issuer), new DemoTokens.Spec(issuer, sub, tenant, scope,
        List.of(DemoEnvironment.STS_ISSUER), 3600, null, "prod", null), Instant.now());
  }

  private static List<String[]> form(String subject, String actor, String audience,
      String scope, String ttl) {
    List<String[]> f = new ArrayList<>();
    f.add(new String[] {"grant_type", TokenTypes.TOKEN_EXCHANGE_GRANT});
    f.add(new String[] {"subject_token", subject});
    f.add(new String[] {"subject_token_type", TokenTypes.ACCESS_TOKEN});
    if (actor != null) {
      f.add(new String[] {"actor_token", actor});
      f.add(new String[] {"actor_token_type", TokenTypes.ACCESS_TOKEN});
    }
    f.add(new String[] {"audience", audience});
    if (scope != null) {
      f.add(new String[] {"scope", scope});
    }
    if (ttl != null) {
      f.add(new String[] {"requested_ttl_seconds", ttl});
    }
    return f;
  }

  private List<String[]> privateKeyJwt() throws Exception {
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(DemoEnvironment.KEY_CLIENT).subject(DemoEnvironment.KEY_CLIENT)
        .audience(base + "/oauth2/token")
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
        .jwtID(UUID.randomUUID().toString()).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
        .keyID(env.clientKey().getKeyID()).build(), claims);
    jwt.sign(Jws.signer(env.clientKey()));
    List<String[]> f = new ArrayList<>();
    f.add(new String[] {"client_assertion_type", TokenTypes.JWT_BEARER_ASSERTION});
    f.add(new String[] {"client_assertion", jwt.serialize()});
    return f;
  }

  private static String basic(String client) {
    String cred = client + ":" + client + "-demo-secret";
    return "Basic " + Base64.getEncoder().encodeToString(cred.getBytes(StandardCharsets.UTF_8));
  }

  private JsonNode exchange(String authorization, List<String[]> form) throws Exception {
    StringBuilder body = new StringBuilder();
    for (String[] p : form) {
      if (!body.isEmpty()) {
        body.append('&');
      }
      body.append(URLEncoder.encode(p[0], StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(p[1], StandardCharsets.UTF_8));
    }
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (authorization != null) {
      req.header("Authorization", authorization);
    }
    HttpResponse<String> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    out.println("   HTTP " + resp.statusCode());
    return JSON.readTree(resp.body());
  }

  private void expectToken(JsonNode r) throws IOException {
    if (!r.has("access_token")) {
      out.println("   !! expected a token, got " + r);
      allAsExpected = false;
      return;
    }
    out.println("   issued_token_type=" + r.get("issued_token_type").asText() + " token_type="
        + r.get("token_type").asText() + " expires_in=" + r.get("expires_in").asText()
        + " scope=\"" + r.get("scope").asText() + "\"");
    String[] parts = r.get("access_token").asText().split("\\.");
    Base64.Decoder d = Base64.getUrlDecoder();
    out.println("   header: " + new String(d.decode(parts[0]), StandardCharsets.UTF_8));
    JsonNode claims = JSON.readTree(d.decode(parts[1]));
    out.println("   claims: " + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(claims)
        .replace("\n", "\n   "));
    out.println("   decision_id: " + claims.path("decision_id").asText());
  }

  private void expectError(JsonNode r, String error) {
    out.println("   " + r);
    if (!error.equals(r.path("error").asText()) || r.has("access_token")) {
      out.println("   !! expected error " + error);
      allAsExpected = false;
    }
  }

  private void step(String title) {
    out.println();
    out.println(title);
  }
}
