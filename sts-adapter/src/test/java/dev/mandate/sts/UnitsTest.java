package dev.mandate.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import dev.mandate.sts.client.JtiReplayCache;
import dev.mandate.sts.client.SecretHash;
import dev.mandate.sts.config.ConfigLoader;
import dev.mandate.sts.config.StsConfig;
import dev.mandate.sts.jose.Ed25519Keys;
import dev.mandate.sts.jose.JdkEd25519Signer;
import dev.mandate.sts.jose.JdkEd25519Verifier;
import dev.mandate.sts.jose.Jws;
import dev.mandate.sts.keys.SigningAlgorithm;
import dev.mandate.sts.oauth.OAuthException;
import dev.mandate.sts.request.FormBody;
import dev.mandate.sts.token.JsonNesting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small parts: secret hashes, form decoding, nesting depth, replay cache, Ed25519, config. */
class UnitsTest {
  @TempDir
  Path dir;

  @Test
  void secretHashRoundTripsAndRejectsOtherSecrets() {
    SecretHash h = SecretHash.create("correct horse", 10_000);
    SecretHash parsed = SecretHash.parse(h.format());
    assertEquals(h, parsed);
    assertTrue(parsed.matches("correct horse"));
    assertFalse(parsed.matches("correct horse "));
    assertFalse(parsed.matches(""));
    assertNotEquals(h.format(), SecretHash.create("correct horse", 10_000).format(),
        "a fresh salt each time");
    assertTrue(h.format().startsWith("pbkdf2-sha256$10000$"));
    assertFalse(h.toString().contains(h.format().split("\\$")[3]), "toString hides the hash");
  }

  @Test
  void secretHashMatchesAnIndependentPbkdf2() {
    // Computed with Python: hashlib.pbkdf2_hmac('sha256', b'chat-web-demo-secret', salt, 100000).
    SecretHash h = SecretHash.parse("pbkdf2-sha256$100000$S32QCSSE0wFyclQDDO0j0A$"
        + "eUxziatvj7fvO-3qZRm7cM_pm8cd0f3FAtNTFQT0TL8");
    assertTrue(h.matches("chat-web-demo-secret"));
  }

  @Test
  void secretHashRefusesWeakOrMalformedInput() {
    assertThrows(IllegalArgumentException.class, () -> SecretHash.create("x", 1000));
    assertThrows(IllegalArgumentException.class, () -> SecretHash.parse("sha1$1$a$b"));
    assertThrows(IllegalArgumentException.class, () -> SecretHash.parse("pbkdf2-sha256$x$a$b"));
  }

  @Test
  void formBodyDecodesAndDropsEmptyValues() {
    FormBody f = FormBody.parse("a=1&b=x+y%2Bz&audience=p&audience=q&empty=&c");
    assertEquals("1", f.single("a"));
    assertEquals("x y+z", f.single("b"));
    assertEquals(List.of("p", "q"), f.all("audience"));
    assertNull(f.single("empty"));
    assertFalse(f.has("c"));
    assertThrows(OAuthException.class, () -> f.single("audience"));
  }

  @Test
  void formBodyRefusesBadPercentEncoding() {
    OAuthException e = assertThrows(OAuthException.class, () -> FormBody.parse("a=%g1"));
    assertEquals("invalid_request", e.error());
  }

  @Test
  void nestingDepthIgnoresBracketsInStrings() {
    assertEquals(0, JsonNesting.depth("1"));
    assertEquals(2, JsonNesting.depth("{\"a\":[1,\"[[[[\"]}"));
    assertEquals(1, JsonNesting.depth("{\"a\":\"\\\"{{{\"}"));
    assertEquals(500, JsonNesting.depth("[".repeat(500) + "]".repeat(500)));
  }

  @Test
  void replayCacheForgetsIdsOnlyAfterTheyExpire() {
    Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
    Clock clock = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now[0];
      }
    };
    JtiReplayCache c = new JtiReplayCache(1000, clock);
    Instant exp = now[0].plusSeconds(60);
    assertTrue(c.firstUse("a", "1", exp));
    assertFalse(c.firstUse("a", "1", exp));
    assertTrue(c.firstUse("b", "1", exp), "ids are per client");
    now[0] = now[0].plusSeconds(59);
    assertFalse(c.firstUse("a", "1", exp));
    now[0] = now[0].plusSeconds(2);
    assertTrue(c.firstUse("a", "1", now[0].plusSeconds(60)), "forgotten after expiry");
  }

  @Test
  void ed25519SignAndVerifyWithTheJdk() throws Exception {
    OctetKeyPair k = Ed25519Keys.generate("k1");
    JWSHeader header = new JWSHeader(JWSAlgorithm.EdDSA);
    byte[] input = "header.payload".getBytes(StandardCharsets.US_ASCII);
    Base64URL sig = new JdkEd25519Signer(k).sign(header, input);
    assertEquals(64, sig.decode().length);
    JdkEd25519Verifier v = new JdkEd25519Verifier(k.toPublicJWK());
    assertTrue(v.verify(header, input, sig));
    assertFalse(v.verify(header, "header.payloaX".getBytes(StandardCharsets.US_ASCII), sig));
    assertFalse(v.verify(new JWSHeader(JWSAlgorithm.ES256), input, sig));
  }

  @Test
  void ed25519MatchesRfc8037TestVector() throws Exception {
    // RFC 8037 Appendix A.4: the signature of the example payload with the example key.
    OctetKeyPair k = OctetKeyPair.parse("{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
        + "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\","
        + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}");
    byte[] input = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
        .getBytes(StandardCharsets.US_ASCII);
    Base64URL sig = new JdkEd25519Signer(k).sign(new JWSHeader(JWSAlgorithm.EdDSA), input);
    assertEquals("hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt"
        + "9g7sVvpAr_MuM0KAg", sig.toString());
  }

  @Test
  void allowlistsNeverAcceptNoneOrHmac() {
    assertThrows(IllegalArgumentException.class, () -> Jws.allowlist(List.of("none"), "t"));
    assertThrows(IllegalArgumentException.class, () -> Jws.allowlist(List.of("HS256"), "t"));
    assertThrows(IllegalArgumentException.class, () -> Jws.allowlist(List.of(), "t"));
    assertEquals(2, Jws.allowlist(List.of("ES256", "RS256"), "t").size());
  }

  @Test
  void configLoaderReadsYamlAndRejectsUnknownKeys() throws Exception {
    Path jwks = dir.resolve("client.jwks.json");
    Files.writeString(jwks, new com.nimbusds.jose.jwk.JWKSet(
        SigningAlgorithm.ES256.generate().toPublicJWK()).toString());
    String hash = SecretHash.create("s", 10_000).format();
    Path file = dir.resolve("sts.yaml");
    Files.writeString(file, """
        issuer: https://sts.example
        port: 9000
        max_ttl_seconds: 900
        event_loops: 3
        signing:
          algorithm: RS256
          key_file: keys/sts.json
          rotation_interval_seconds: 86400
        clients:
          web:
            auth_methods: [client_secret_basic]
            secret_hash: "%s"
          svc:
            auth_methods: [private_key_jwt]
            jwks_file: client.jwks.json
        issuers:
          https://idp.example:
            jwks_url: https://idp.example/jwks
            algorithms: [ES256]
            audiences: [https://sts.example]
          https://sts.example:
            self: true
        pdp:
          url: http://127.0.0.1:8181
          timeout_ms: 500
        """.formatted(hash));
    StsConfig c = ConfigLoader.load(file);
    assertEquals("https://sts.example", c.issuer());
    assertEquals(9000, c.port());
    assertEquals(3, c.eventLoops());
    assertEquals(3, c.effectiveEventLoops());
    assertEquals(900, c.maxTtlSeconds());
    assertEquals(SigningAlgorithm.RS256, c.signingAlgorithm());
    assertEquals(dir.resolve("keys/sts.json"), c.keyFile());
    assertEquals(86400, c.rotationInterval().toSeconds());
    assertEquals(2, c.clients().size());
    assertTrue(c.clients().get(0).secret().matches("s"));
    assertEquals(1, c.clients().get(1).jwks().getKeys().size());
    assertEquals(List.of("https://sts.example"), c.issuers().get(0).audiences());
    assertTrue(c.issuers().get(1).self());
    assertEquals("http://127.0.0.1:8181", c.pdpUrl().toString());
    assertEquals(500, c.pdpTimeout().toMillis());

    Files.writeString(file, "event_loops: -1\n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(file))
        .getMessage().contains("event_loops"));
    Files.writeString(file, "event_loops: many\n");
    assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(file));
    Files.writeString(file, "port: 9000\n");
    StsConfig defaults = ConfigLoader.load(file);
    assertEquals(0, defaults.eventLoops());
    assertEquals(Runtime.getRuntime().availableProcessors(), defaults.effectiveEventLoops());

    Files.writeString(file, "isuer: typo\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConfigLoader.load(file));
    assertTrue(e.getMessage().contains("isuer"));
  }
}
