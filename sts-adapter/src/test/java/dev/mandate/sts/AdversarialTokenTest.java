package dev.mandate.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.mandate.sts.StsHarness.Response;
import dev.mandate.sts.keys.SigningAlgorithm;
import dev.mandate.sts.oauth.TokenTypes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile subject and actor tokens, one per test. Each must be refused with
 * {@code invalid_grant} naming the reason, and none may mint a token.
 */
class AdversarialTokenTest {
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

  private static void assertRefused(String subjectToken, String reason) {
    Response r = h.asChatWeb(StsHarness.exchange(subjectToken).add("audience", "file-service"));
    assertRefusedResponse(r, "subject_token rejected: " + reason);
  }

  private static void assertRefusedResponse(Response r, String description) {
    assertEquals(400, r.status(), r.body());
    assertEquals("invalid_grant", r.error());
    assertEquals(description, r.json().get("error_description").asText());
    assertFalse(r.body().contains("access_token"));
  }

  private static JWTClaimsSet.Builder alice() {
    return h.claims("alice", "files:read");
  }

  @Test
  void validTokenForComparison() {
    Response r = h.asChatWeb(StsHarness.exchange(h.sign(alice().build()))
        .add("audience", "file-service"));
    assertEquals(200, r.status(), r.body());
  }

  @Test
  void algNone() {
    String token = new PlainJWT(alice().build()).serialize();
    assertRefused(token, "unsupported_algorithm");
  }

  @Test
  void algNoneWithSignatureStripped() {
    String[] parts = h.sign(alice().build()).split("\\.");
    String header = Base64URL.encode("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
        .toString();
    assertRefused(header + "." + parts[1] + ".", "unsupported_algorithm");
  }

  @Test
  void hs256SignedWithTheIssuersPublicKey() throws Exception {
    ECKey pub = ((ECKey) h.idpKey).toPublicJWK();
    byte[] secret = pub.toECPublicKey().getEncoded();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
        .keyID(pub.getKeyID()).build(), alice().build());
    jwt.sign(new MACSigner(secret));
    assertRefused(jwt.serialize(), "unsupported_algorithm");
    // And with the JWK's JSON text as the secret, the other classic variant.
    SignedJWT jwt2 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
        .keyID(pub.getKeyID()).build(), alice().build());
    jwt2.sign(new MACSigner(pub.toJSONString().getBytes(StandardCharsets.UTF_8)));
    assertRefused(jwt2.serialize(), "unsupported_algorithm");
  }

  @Test
  void algorithmNotOnTheIssuersAllowlist() throws Exception {
    RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID("rsa-1")
        .build(), alice().build());
    jwt.sign(new RSASSASigner(rsa));
    assertRefused(jwt.serialize(), "unsupported_algorithm");
  }

  @Test
  void unknownKid() {
    var other = SigningAlgorithm.ES256.generate();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("unknown-kid")
        .build(), alice().build());
    try {
      jwt.sign(dev.mandate.sts.jose.Jws.signer(other));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertRefused(jwt.serialize(), "unknown_key");
  }

  @Test
  void rightKidWrongKey() throws Exception {
    var other = SigningAlgorithm.ES256.generate();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
        .keyID(h.idpKey.getKeyID()).build(), alice().build());
    jwt.sign(dev.mandate.sts.jose.Jws.signer(other));
    assertRefused(jwt.serialize(), "bad_signature");
  }

  @Test
  void expired() {
    Instant now = Instant.now();
    assertRefused(h.sign(alice().issueTime(Date.from(now.minusSeconds(7200)))
        .expirationTime(Date.from(now.minusSeconds(600))).build()), "subject_token_expired");
  }

  @Test
  void expiredWithinClockSkewIsStillValidatedButPolicyGetsIt() {
    // 30 s past exp is within the 60 s skew: the signature layer accepts, the TTL becomes
    // min(..., exp - now) < 0 and the grant re-check refuses to mint.
    Instant now = Instant.now();
    Response r = h.asChatWeb(StsHarness.exchange(h.sign(alice()
        .expirationTime(Date.from(now.minusSeconds(30))).build())).add("audience", "file-service"));
    assertFalse(r.body().contains("access_token"), r.body());
  }

  @Test
  void notYetValid() {
    Instant now = Instant.now();
    assertRefused(h.sign(alice().notBeforeTime(Date.from(now.plusSeconds(600))).build()),
        "subject_token_not_yet_valid");
  }

  @Test
  void issuedInTheFuture() {
    Instant now = Instant.now();
    assertRefused(h.sign(alice().issueTime(Date.from(now.plusSeconds(600))).build()),
        "subject_token_issued_in_future");
  }

  @Test
  void missingExpiry() {
    assertRefused(h.sign(alice().expirationTime(null).build()), "missing_expiry");
  }

  @Test
  void wrongIssuer() {
    assertRefused(h.sign(alice().issuer("https://evil.example").build()), "untrusted_issuer");
  }

  @Test
  void wrongAudienceForAnIssuerThatChecksIt() {
    assertRefused(h.sign(alice().issuer(StsHarness.AUD_IDP).audience("https://other.example")
        .build()), "wrong_audience");
    Response ok = h.asChatWeb(StsHarness.exchange(h.sign(alice().issuer(StsHarness.AUD_IDP)
        .build())).add("audience", "file-service"));
    assertEquals(200, ok.status(), ok.body());
  }

  @Test
  void tamperedPayload() {
    String[] parts = h.sign(alice().build()).split("\\.");
    String evil = Base64URL.encode(alice().subject("mallory").build().toString()
        .getBytes(StandardCharsets.UTF_8)).toString();
    assertRefused(parts[0] + "." + evil + "." + parts[2], "bad_signature");
  }

  @Test
  void tamperedSignature() {
    String t = h.sign(alice().build());
    char last = t.charAt(t.length() - 5);
    String bad = t.substring(0, t.length() - 5) + (last == 'A' ? 'B' : 'A') + t.substring(
        t.length() - 4);
    assertRefused(bad, "bad_signature");
  }

  @Test
  void oversizeToken() {
    assertRefused(h.sign(alice().claim("pad", "x".repeat(20_000)).build()), "oversize_token");
  }

  @Test
  void malformedBase64() {
    assertRefused("eyJhbGciOiJFUzI1NiJ9.!!!not-base64!!!.c2ln", "malformed_token");
  }

  @Test
  void notAJwtAtAll() {
    assertRefused("just-a-string", "malformed_token");
  }

  /** Signs an arbitrary payload text with the test IdP's key, valid signature and all. */
  private static String signRaw(String payload) throws Exception {
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(h.idpKey.getKeyID())
        .type(JOSEObjectType.JWT).build();
    String input = header.toBase64URL() + "." + Base64URL.encode(payload);
    Base64URL sig = dev.mandate.sts.jose.Jws.signer(h.idpKey)
        .sign(header, input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + sig;
  }

  @Test
  void jsonBombClaims() throws Exception {
    String bomb = "[".repeat(4000) + "]".repeat(4000);
    String payload = "{\"iss\":\"" + StsHarness.IDP + "\",\"sub\":\"alice\",\"exp\":"
        + (Instant.now().getEpochSecond() + 600) + ",\"bomb\":" + bomb + "}";
    assertRefused(signRaw(payload), "malformed_token");
  }

  @Test
  void claimsThatAreNotAnObject() throws Exception {
    assertRefused(signRaw("[1,2,3]"), "malformed_token");
  }

  @Test
  void unsupportedSubjectTokenType() {
    Response r = h.asChatWeb(StsHarness.exchange(h.sign(alice().build()))
        .remove("subject_token_type")
        .add("subject_token_type", "urn:ietf:params:oauth:token-type:saml2")
        .add("audience", "file-service"));
    assertRefusedResponse(r, "subject_token rejected: unsupported_token_type");
  }

  @Test
  void expiredActorToken() {
    Instant now = Instant.now();
    String actor = h.sign(h.claims("mcp-files", null)
        .expirationTime(Date.from(now.minusSeconds(600))).build());
    Response r = h.post(StsHarness.exchange(h.sign(alice().build())).add("audience", "file-service")
        .add("actor_token", actor).add("actor_token_type", TokenTypes.ACCESS_TOKEN),
        StsHarness.basic("mcp-files", StsHarness.MCP_SECRET));
    assertRefusedResponse(r, "actor_token rejected: actor_token_expired");
  }

  @Test
  void forgedActorToken() {
    String actor = new PlainJWT(h.claims("mcp-files", null).build()).serialize();
    Response r = h.post(StsHarness.exchange(h.sign(alice().build())).add("audience", "file-service")
        .add("actor_token", actor).add("actor_token_type", TokenTypes.ACCESS_TOKEN),
        StsHarness.basic("mcp-files", StsHarness.MCP_SECRET));
    assertRefusedResponse(r, "actor_token rejected: unsupported_algorithm");
  }

  @Test
  void noRefusalLeavesATokenInTheAuditLog() {
    for (String line : h.audit) {
      assertFalse(line.contains("eyJ"), "no JWT in audit: " + line);
    }
    assertTrue(h.audit.stream().anyMatch(l -> l.contains("\"denied\"")));
  }
}
