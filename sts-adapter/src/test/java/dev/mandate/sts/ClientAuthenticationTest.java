package dev.mandate.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.mandate.sts.StsHarness.Form;
import dev.mandate.sts.StsHarness.Response;
import dev.mandate.sts.jose.Jws;
import dev.mandate.sts.keys.SigningAlgorithm;
import dev.mandate.sts.oauth.TokenTypes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client authentication at the token endpoint: secrets (basic, post) and private_key_jwt. */
class ClientAuthenticationTest {
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

  private Form request() {
    return StsHarness.exchange(h.alice()).add("audience", "file-service");
  }

  private Form delegation() {
    return request().add("actor_token", h.actor("mcp-files"))
        .add("actor_token_type", TokenTypes.ACCESS_TOKEN);
  }

  private static void assertInvalidClient(Response r, boolean basic) {
    assertEquals(401, r.status(), r.body());
    assertEquals("invalid_client", r.error());
    assertEquals("client authentication failed", r.json().get("error_description").asText());
    assertFalse(r.json().has("access_token"));
    if (basic) {
      assertEquals("Basic realm=\"mandate\"", r.header("WWW-Authenticate"));
    }
  }

  @Test
  void clientSecretBasic() {
    assertEquals(200, h.post(request(), StsHarness.basic("chat-web", StsHarness.CHAT_SECRET))
        .status());
  }

  @Test
  void clientSecretBasicIsFormUrlEncoded() {
    // RFC 6749 §2.3.1: id and secret are form-urlencoded inside the Basic credentials.
    String encoded = "Basic " + java.util.Base64.getEncoder().encodeToString(
        ("chat%2Dweb:" + StsHarness.CHAT_SECRET.replace("-", "%2D")).getBytes());
    assertEquals(200, h.post(request(), encoded).status());
  }

  @Test
  void clientSecretPost() {
    Response r = h.post(request().add("client_id", "chat-web")
        .add("client_secret", StsHarness.CHAT_SECRET), null);
    assertEquals(200, r.status(), r.body());
  }

  @Test
  void wrongSecretBasicIs401WithChallenge() {
    assertInvalidClient(h.post(request(), StsHarness.basic("chat-web", "wrong")), true);
  }

  @Test
  void unknownClientLooksLikeAWrongSecret() {
    assertInvalidClient(h.post(request(), StsHarness.basic("nobody", "whatever")), true);
  }

  @Test
  void wrongSecretPostIs401WithoutChallenge() {
    Response r = h.post(request().add("client_id", "chat-web").add("client_secret", "nope"),
        null);
    assertInvalidClient(r, false);
    assertNull(r.header("WWW-Authenticate"));
  }

  @Test
  void methodNotRegisteredForTheClientIsRefused() {
    // support-agent may only use client_secret_basic.
    Response r = h.post(request().add("client_id", "support-agent")
        .add("client_secret", StsHarness.SUPPORT_SECRET), null);
    assertInvalidClient(r, false);
  }

  @Test
  void bearerAuthorizationIsNotClientAuthentication() {
    assertInvalidClient(h.post(request(), "Bearer " + h.alice()), false);
  }

  @Test
  void malformedBasicCredentialsAreInvalidClient() {
    assertInvalidClient(h.post(request(), "Basic !!!"), true);
    assertInvalidClient(h.post(request(), "Basic " + java.util.Base64.getEncoder()
        .encodeToString("no-colon".getBytes())), true);
  }

  @Test
  void noClientAuthenticationIsInvalidClient() {
    assertInvalidClient(h.post(request(), null), false);
  }

  @Test
  void basicAndPostTogetherIsInvalidRequest() {
    Response r = h.post(request().add("client_id", "chat-web")
        .add("client_secret", StsHarness.CHAT_SECRET),
        StsHarness.basic("chat-web", StsHarness.CHAT_SECRET));
    assertEquals(400, r.status());
    assertEquals("invalid_request", r.error());
  }

  @Test
  void basicAndAssertionTogetherIsInvalidRequest() {
    Response r = h.post(delegation().add("client_assertion_type",
            TokenTypes.JWT_BEARER_ASSERTION)
        .add("client_assertion", h.clientAssertion(StsHarness.ISSUER, 60, uuid())),
        StsHarness.basic("mcp-files", StsHarness.MCP_SECRET));
    assertEquals("invalid_request", r.error());
  }

  @Test
  void bodyClientIdMustMatchBasicCredentials() {
    Response r = h.post(request().add("client_id", "mcp-files"),
        StsHarness.basic("chat-web", StsHarness.CHAT_SECRET));
    assertEquals("invalid_request", r.error());
  }

  private static String uuid() {
    return UUID.randomUUID().toString();
  }

  private Form withAssertion(Form f, String assertion) {
    return f.add("client_assertion_type", TokenTypes.JWT_BEARER_ASSERTION)
        .add("client_assertion", assertion);
  }

  @Test
  void privateKeyJwtWithIssuerAudience() throws Exception {
    Response r = h.post(withAssertion(delegation(),
        h.clientAssertion(StsHarness.ISSUER, 60, uuid())), null);
    assertEquals(200, r.status(), r.body());
    JWTClaimsSet c = h.verifyIssued(r.json().get("access_token").asText());
    assertEquals("mcp-files", c.getStringClaim("client_id"));
  }

  @Test
  void privateKeyJwtWithTokenEndpointAudience() {
    Response r = h.post(withAssertion(delegation(),
        h.clientAssertion(h.base() + "/oauth2/token", 60, uuid())), null);
    assertEquals(200, r.status(), r.body());
  }

  @Test
  void replayedAssertionIsRefused() {
    String assertion = h.clientAssertion(StsHarness.ISSUER, 60, uuid());
    assertEquals(200, h.post(withAssertion(delegation(), assertion), null).status());
    assertInvalidClient(h.post(withAssertion(delegation(), assertion), null), false);
  }

  @Test
  void assertionForAnotherAudienceIsRefused() {
    assertInvalidClient(h.post(withAssertion(delegation(),
        h.clientAssertion("https://elsewhere.example", 60, uuid())), null), false);
  }

  @Test
  void assertionLivingTooLongIsRefused() {
    assertInvalidClient(h.post(withAssertion(delegation(),
        h.clientAssertion(StsHarness.ISSUER, 3600, uuid())), null), false);
  }

  @Test
  void expiredAssertionIsRefused() {
    assertInvalidClient(h.post(withAssertion(delegation(),
        h.clientAssertion(StsHarness.ISSUER, -120, uuid())), null), false);
  }

  @Test
  void assertionWithoutJtiIsRefused() {
    Instant now = Instant.now();
    String a = StsHarness.sign(h.mcpClientKey, new JWTClaimsSet.Builder().issuer("mcp-files")
        .subject("mcp-files").audience(StsHarness.ISSUER)
        .expirationTime(Date.from(now.plusSeconds(60))).build());
    assertInvalidClient(h.post(withAssertion(delegation(), a), null), false);
  }

  @Test
  void assertionWhoseSubIsNotTheClientIsRefused() {
    Instant now = Instant.now();
    String a = StsHarness.sign(h.mcpClientKey, new JWTClaimsSet.Builder().issuer("mcp-files")
        .subject("chat-web").audience(StsHarness.ISSUER).jwtID(uuid())
        .expirationTime(Date.from(now.plusSeconds(60))).build());
    assertInvalidClient(h.post(withAssertion(delegation(), a), null), false);
  }

  @Test
  void assertionSignedByAnotherKeyIsRefused() throws Exception {
    Instant now = Instant.now();
    var other = SigningAlgorithm.ES256.generate();
    String a = StsHarness.sign(other, new JWTClaimsSet.Builder().issuer("mcp-files")
        .subject("mcp-files").audience(StsHarness.ISSUER).jwtID(uuid())
        .expirationTime(Date.from(now.plusSeconds(60))).build());
    assertInvalidClient(h.post(withAssertion(delegation(), a), null), false);
    assertTrue(Jws.verifier(other.toPublicJWK(), com.nimbusds.jose.JWSAlgorithm.ES256) != null);
  }

  @Test
  void assertionForAClientWithoutKeysIsRefused() {
    Instant now = Instant.now();
    String a = StsHarness.sign(h.mcpClientKey, new JWTClaimsSet.Builder().issuer("chat-web")
        .subject("chat-web").audience(StsHarness.ISSUER).jwtID(uuid())
        .expirationTime(Date.from(now.plusSeconds(60))).build());
    assertInvalidClient(h.post(withAssertion(request(), a), null), false);
  }

  @Test
  void wrongAssertionTypeIsInvalidRequest() {
    Response r = h.post(request().add("client_assertion_type", "urn:example:saml")
        .add("client_assertion", h.clientAssertion(StsHarness.ISSUER, 60, uuid())), null);
    assertEquals("invalid_request", r.error());
  }
}
