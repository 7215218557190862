package dev.mandate.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mandate.sts.StsHarness.Form;
import dev.mandate.sts.StsHarness.Response;
import dev.mandate.sts.oauth.TokenTypes;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token endpoint over real HTTP: successful exchanges, request checks and error codes. */
class TokenEndpointTest {
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

  @Test
  void permittedExchangeMintsAVerifiableToken() throws Exception {
    Response r = h.asChatWeb(StsHarness.exchange(h.alice())
        .add("audience", "file-service").add("scope", "files:read"));
    assertEquals(200, r.status(), r.body());
    assertEquals("no-store", r.header("Cache-Control"));
    assertEquals("no-cache", r.header("Pragma"));
    assertTrue(r.header("Content-Type").startsWith("application/json"));
    JsonNode j = r.json();
    assertEquals(TokenTypes.ACCESS_TOKEN, j.get("issued_token_type").asText());
    assertEquals("Bearer", j.get("token_type").asText());
    assertEquals("files:read", j.get("scope").asText());
    assertEquals(1200, j.get("expires_in").asLong());

    String token = j.get("access_token").asText();
    JWTClaimsSet c = h.verifyIssued(token);
    SignedJWT jwt = SignedJWT.parse(token);
    assertEquals("at+jwt", jwt.getHeader().getType().getType());
    assertEquals(h.sts.keys().current().getKeyID(), jwt.getHeader().getKeyID());
    assertEquals("alice", c.getSubject());
    assertEquals(List.of("file-service"), c.getAudience());
    assertEquals("files:read", c.getStringClaim("scope"));
    assertEquals("chat-web", c.getStringClaim("client_id"));
    assertEquals("acme", c.getStringClaim("tenant"));
    assertEquals(1200, (c.getExpirationTime().getTime() - c.getIssueTime().getTime()) / 1000);
    assertEquals(c.getIssueTime(), c.getNotBeforeTime());
    assertNull(c.getClaim("act"), "impersonation carries no act");
    String decisionId = c.getStringClaim("decision_id");
    assertTrue(decisionId.matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
        "a UUIDv7 decision id: " + decisionId);
    assertFalse(c.getJWTID().isEmpty());
  }

  @Test
  void auditLineForEveryExchangeWithoutTokens() {
    String subject = h.alice();
    int before = h.audit.size();
    Response ok = h.asChatWeb(StsHarness.exchange(subject).add("audience", "file-service"));
    Response denied = h.asChatWeb(StsHarness.exchange(subject).add("audience", "billing"));
    assertEquals(200, ok.status());
    assertEquals(400, denied.status());
    List<String> lines = h.audit.subList(before, h.audit.size());
    assertEquals(2, lines.size(), lines.toString());
    JsonNode issued = parse(lines.get(0));
    assertEquals("issued", issued.get("outcome").asText());
    assertEquals("chat-web", issued.get("client_id").asText());
    assertEquals("alice", issued.get("subject").asText());
    assertEquals("file-service", issued.get("audience").asText());
    assertEquals("[\"calendar:read\",\"files:read\",\"files:write\"]",
        issued.get("scopes_granted").toString());
    assertNotNull(issued.get("decision_id"));
    JsonNode deny = parse(lines.get(1));
    assertEquals("denied", deny.get("outcome").asText());
    assertEquals("invalid_target", deny.get("error").asText());
    assertEquals(denied.json().get("decision_id").asText(), deny.get("decision_id").asText());
    String access = ok.json().get("access_token").asText();
    for (String l : lines) {
      assertFalse(l.contains(subject), "no subject token in the audit log");
      assertFalse(l.contains(access), "no issued token in the audit log");
    }
  }

  private static JsonNode parse(String s) {
    try {
      return StsHarness.JSON.readTree(s);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void noScopeRequestedGrantsTheHeldScopes() {
    Response r = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "calendar"));
    assertEquals(200, r.status(), r.body());
    assertEquals("calendar:read files:read files:write", r.json().get("scope").asText());
  }

  @Test
  void requestedTtlLowersTheLifetime() {
    Response r = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "file-service")
        .add("requested_ttl_seconds", "120"));
    assertEquals(120, r.json().get("expires_in").asLong(), r.body());
  }

  @Test
  void resourceParameterSelectsTheAudience() throws Exception {
    Response r = h.asChatWeb(StsHarness.exchange(h.alice())
        .add("resource", "https://files.example/"));
    assertEquals(200, r.status(), r.body());
    assertEquals(List.of("file-service"),
        h.verifyIssued(r.json().get("access_token").asText()).getAudience());
  }

  @Test
  void jwtTokenTypeIsNotABearerToken() {
    Response r = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "file-service")
        .add("requested_token_type", TokenTypes.JWT));
    assertEquals(200, r.status(), r.body());
    assertEquals(TokenTypes.JWT, r.json().get("issued_token_type").asText());
    assertEquals("N_A", r.json().get("token_type").asText());
  }

  @Test
  void denialCarriesTheErrorReasonCodesAndDecisionId() {
    Response r = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "billing"));
    assertEquals(400, r.status());
    assertEquals("invalid_target", r.error());
    String description = r.json().get("error_description").asText();
    assertTrue(description.contains("audience_not_allowed"), description);
    assertTrue(description.contains("cross_tenant"), description);
    assertFalse(description.contains("not allowed"), "no policy messages: " + description);
    assertNotNull(r.json().get("decision_id"));
    assertFalse(r.json().has("access_token"));
    assertEquals("no-store", r.header("Cache-Control"));
  }

  @Test
  void scopeNotHeldIsInvalidScope() {
    Response r = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "file-service")
        .add("scope", "files:read files:admin"));
    assertEquals("invalid_scope", r.error());
    assertTrue(r.json().get("error_description").asText().contains("scope_not_held"));
  }

  @Test
  void approvalRequiredIsAuthorizationPendingWithInterval() {
    String subject = h.sign(h.claims("alice", "files:read files:delete").build());
    Response r = h.asChatWeb(StsHarness.exchange(subject).add("audience", "file-service")
        .add("scope", "files:delete"));
    assertEquals(400, r.status());
    assertEquals("authorization_pending", r.error());
    assertEquals(5, r.json().get("interval").asInt());
    assertNotNull(r.json().get("decision_id"));
    assertFalse(r.json().has("access_token"));
  }

  @Test
  void unauthorizedClientFromPolicy() {
    Response r = h.post(StsHarness.exchange(h.alice()).add("audience", "file-service"),
        StsHarness.basic("support-agent", StsHarness.SUPPORT_SECRET));
    assertEquals("unauthorized_client", r.error(), r.body());
  }

  @Test
  void otherGrantTypesAreUnsupported() {
    Response r = h.asChatWeb(new Form().add("grant_type", "client_credentials"));
    assertEquals(400, r.status());
    assertEquals("unsupported_grant_type", r.error());
  }

  @Test
  void missingGrantTypeIsInvalidRequest() {
    Response r = h.asChatWeb(StsHarness.exchange(h.alice()).remove("grant_type"));
    assertEquals("invalid_request", r.error());
  }

  @Test
  void jsonBodyIsInvalidRequest() {
    Response r = h.post("{\"grant_type\":\"" + TokenTypes.TOKEN_EXCHANGE_GRANT + "\"}",
        "application/json", StsHarness.basic("chat-web", StsHarness.CHAT_SECRET));
    assertEquals(400, r.status());
    assertEquals("invalid_request", r.error());
  }

  @Test
  void missingContentTypeIsInvalidRequest() {
    Response r = h.post(StsHarness.exchange(h.alice()).encode(), null,
        StsHarness.basic("chat-web", StsHarness.CHAT_SECRET));
    assertEquals("invalid_request", r.error());
  }

  @Test
  void contentTypeWithCharsetIsAccepted() {
    Response r = h.post(StsHarness.exchange(h.alice()).add("audience", "file-service").encode(),
        "application/x-www-form-urlencoded; charset=UTF-8",
        StsHarness.basic("chat-web", StsHarness.CHAT_SECRET));
    assertEquals(200, r.status(), r.body());
  }

  @Test
  void repeatedSingleValuedParameterIsInvalidRequest() {
    for (String p : List.of("subject_token_type", "scope", "grant_type", "requested_token_type")) {
      Form f = StsHarness.exchange(h.alice()).add("audience", "file-service");
      String v = p.equals("grant_type") ? TokenTypes.TOKEN_EXCHANGE_GRANT : "x";
      if (f.params.stream().noneMatch(x -> x[0].equals(p))) {
        f.add(p, v);
      }
      f.add(p, v);
      Response r = h.asChatWeb(f);
      assertEquals("invalid_request", r.error(), p);
      assertTrue(r.json().get("error_description").asText().contains(p), r.body());
    }
  }

  @Test
  void repeatedAudienceIsAllowedAndReachesThePolicy() {
    Response r = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "file-service")
        .add("audience", "calendar"));
    assertEquals("invalid_target", r.error());
    assertTrue(r.json().get("error_description").asText().contains("multiple_audiences"));
  }

  @Test
  void missingSubjectTokenIsInvalidRequest() {
    Response r = h.asChatWeb(StsHarness.exchange(h.alice()).remove("subject_token"));
    assertEquals("invalid_request", r.error());
    r = h.asChatWeb(StsHarness.exchange(h.alice()).remove("subject_token_type"));
    assertEquals("invalid_request", r.error());
  }

  @Test
  void actorTokenWithoutTypeIsInvalidRequest() {
    Response r = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "file-service")
        .add("actor_token", h.actor("chat-web")));
    assertEquals("invalid_request", r.error());
    r = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "file-service")
        .add("actor_token_type", TokenTypes.ACCESS_TOKEN));
    assertEquals("invalid_request", r.error());
  }

  @Test
  void relativeResourceIsInvalidTarget() {
    Response r = h.asChatWeb(StsHarness.exchange(h.alice()).add("resource", "/files"));
    assertEquals("invalid_target", r.error());
    r = h.asChatWeb(StsHarness.exchange(h.alice()).add("resource", "https://files.example/#x"));
    assertEquals("invalid_target", r.error());
  }

  @Test
  void malformedScopeIsInvalidScope() {
    Response r = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "file-service")
        .add("scope", "files:read  files:write"));
    assertEquals("invalid_scope", r.error());
  }

  @Test
  void badRequestedTtlIsInvalidRequest() {
    Response r = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "file-service")
        .add("requested_ttl_seconds", "-5"));
    assertEquals("invalid_request", r.error());
  }

  @Test
  void unsupportedRequestedTokenTypeIsRefusedWithoutAToken() {
    Response r = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "file-service")
        .add("requested_token_type", TokenTypes.ID_TOKEN));
    assertEquals(500, r.status(), r.body());
    assertEquals("server_error", r.error());
    assertFalse(r.json().has("access_token"));
  }

  @Test
  void malformedPercentEncodingIsInvalidRequest() {
    Response r = h.post("grant_type=%zz", "application/x-www-form-urlencoded",
        StsHarness.basic("chat-web", StsHarness.CHAT_SECRET));
    assertEquals("invalid_request", r.error());
  }

  @Test
  void oversizeBodyIs413() {
    String big = "x".repeat(70 * 1024);
    Response r = h.post(StsHarness.exchange(h.alice()).add("audience", big), null);
    assertEquals(413, r.status());
    assertEquals("invalid_request", r.error());
  }

  @Test
  void getOnTheTokenEndpointIsRefused() {
    Response r = h.get("/oauth2/token");
    assertEquals(405, r.status());
    assertEquals("invalid_request", r.error());
  }

  @Test
  void metadataDescribesTheEndpoint() {
    Response r = h.get("/.well-known/oauth-authorization-server");
    assertEquals(200, r.status());
    JsonNode m = r.json();
    assertEquals(StsHarness.ISSUER, m.get("issuer").asText());
    assertEquals(h.base() + "/oauth2/token", m.get("token_endpoint").asText());
    assertEquals(h.base() + "/.well-known/jwks.json", m.get("jwks_uri").asText());
    assertTrue(m.get("grant_types_supported").toString().contains(TokenTypes.TOKEN_EXCHANGE_GRANT));
    String methods = m.get("token_endpoint_auth_methods_supported").toString();
    assertTrue(methods.contains("client_secret_basic") && methods.contains("client_secret_post")
        && methods.contains("private_key_jwt"), methods);
    assertTrue(m.get("token_endpoint_auth_signing_alg_values_supported").toString()
        .contains("ES256"));
    assertFalse(m.get("token_endpoint_auth_signing_alg_values_supported").toString()
        .contains("HS256"));
  }
}
