package dev.mandate.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mandate.sts.StsHarness.Response;
import dev.mandate.sts.jose.Jws;
import dev.mandate.sts.keys.SigningAlgorithm;
import dev.mandate.sts.keys.SigningKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing keys: the key file, publication of the next key, rotation, and retirement. */
class KeyRotationTest {
  @TempDir
  Path dir;

  private static List<String> kids(JWKSet set) {
    return set.getKeys().stream().map(k -> k.getKeyID()).toList();
  }

  @Test
  void rotationOverHttp() throws Exception {
    try (StsHarness h = new StsHarness(dir)) {
      SigningKeys keys = h.sts.keys();
      String current = keys.current().getKeyID();
      JWKSet published = JWKSet.parse(h.get("/.well-known/jwks.json").body());
      assertEquals(2, published.getKeys().size(), "current and next are published");
      assertTrue(published.getKeys().stream().noneMatch(k -> k.isPrivate()));
      String next = kids(published).stream().filter(k -> !k.equals(current)).findFirst()
          .orElseThrow();

      Response before = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience",
          "file-service"));
      String oldToken = before.json().get("access_token").asText();
      assertEquals(current, SignedJWT.parse(oldToken).getHeader().getKeyID());

      keys.rotate();
      assertEquals(next, keys.current().getKeyID(), "the published next key now signs");
      JWKSet after = JWKSet.parse(h.get("/.well-known/jwks.json").body());
      assertEquals(3, after.getKeys().size(), "old, current and a new next key");
      assertTrue(kids(after).contains(current), "the old key stays until its tokens expire");

      Response r = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "file-service"));
      String newToken = r.json().get("access_token").asText();
      assertEquals(next, SignedJWT.parse(newToken).getHeader().getKeyID());
      h.verifyIssued(newToken);
      h.verifyIssued(oldToken);

      // Tokens signed by the retired key can still be exchanged (the STS trusts itself).
      Response again = h.asChatWeb(StsHarness.exchange(oldToken).add("audience", "file-service"));
      assertEquals(200, again.status(), again.body());
    }
  }

  @Test
  void retiredKeysDisappearAfterTheMaximumTokenLifetime() {
    Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
    Clock clock = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now[0];
      }
    };
    SigningKeys keys = SigningKeys.loadOrCreate(null, SigningAlgorithm.ES256,
        Duration.ofSeconds(3660), clock);
    String first = keys.current().getKeyID();
    keys.rotate();
    assertTrue(kids(keys.published()).contains(first));
    now[0] = now[0].plusSeconds(3659);
    assertTrue(kids(keys.published()).contains(first));
    now[0] = now[0].plusSeconds(2);
    assertFalse(kids(keys.published()).contains(first));
    keys.rotate();
    assertEquals(3, keys.entries().size(), "expired retired keys are dropped from the ring");
  }

  @Test
  void keyFileIsOwnerOnlyAndReloads() throws IOException {
    Path file = dir.resolve("state/keys.json");
    SigningKeys a = SigningKeys.loadOrCreate(file, SigningAlgorithm.ES256, Duration.ofHours(1),
        Clock.systemUTC());
    assertEquals("rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    SigningKeys b = SigningKeys.loadOrCreate(file, SigningAlgorithm.ES256, Duration.ofHours(1),
        Clock.systemUTC());
    assertEquals(a.current().getKeyID(), b.current().getKeyID());
    a.rotate();
    assertEquals("rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    SigningKeys c = SigningKeys.loadOrCreate(file, SigningAlgorithm.ES256, Duration.ofHours(1),
        Clock.systemUTC());
    assertEquals(a.current().getKeyID(), c.current().getKeyID());
    assertNotEquals(b.current().getKeyID(), c.current().getKeyID());
  }

  @Test
  void readableKeyFileIsRefused() throws IOException {
    Path file = dir.resolve("keys.json");
    SigningKeys.loadOrCreate(file, SigningAlgorithm.ES256, Duration.ofHours(1),
        Clock.systemUTC());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThrows(RuntimeException.class, () -> SigningKeys.loadOrCreate(file,
        SigningAlgorithm.ES256, Duration.ofHours(1), Clock.systemUTC()));
  }

  @Test
  void algorithmChangeAgainstAnExistingFileIsRefused() {
    Path file = dir.resolve("keys.json");
    SigningKeys.loadOrCreate(file, SigningAlgorithm.ES256, Duration.ofHours(1),
        Clock.systemUTC());
    assertThrows(IllegalStateException.class, () -> SigningKeys.loadOrCreate(file,
        SigningAlgorithm.RS256, Duration.ofHours(1), Clock.systemUTC()));
  }

  @Test
  void eddsaSigningWithTheJdkProvider() throws Exception {
    try (StsHarness h = new StsHarness(dir, null, c -> c[0] = c[0].withKeys(
        SigningAlgorithm.EDDSA, dir.resolve("ed-keys.json"), null))) {
      Response r = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "file-service"));
      assertEquals(200, r.status(), r.body());
      SignedJWT jwt = SignedJWT.parse(r.json().get("access_token").asText());
      assertEquals(JWSAlgorithm.EdDSA, jwt.getHeader().getAlgorithm());
      JWKSet published = JWKSet.parse(h.get("/.well-known/jwks.json").body());
      var key = published.getKeyByKeyId(jwt.getHeader().getKeyID());
      assertEquals("OKP", key.getKeyType().getValue());
      assertTrue(jwt.verify(Jws.verifier(key, JWSAlgorithm.EdDSA)));
      // The STS accepts its own EdDSA tokens as subject tokens.
      Response again = h.asChatWeb(StsHarness.exchange(jwt.serialize()).add("audience",
          "file-service"));
      assertEquals(200, again.status(), again.body());
    }
  }

  @Test
  void rs256Signing() throws Exception {
    try (StsHarness h = new StsHarness(dir, null, c -> c[0] = c[0].withKeys(
        SigningAlgorithm.RS256, dir.resolve("rs-keys.json"), null))) {
      Response r = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "file-service"));
      String token = r.json().get("access_token").asText();
      assertEquals(JWSAlgorithm.RS256, SignedJWT.parse(token).getHeader().getAlgorithm());
      h.verifyIssued(token);
    }
  }
}
