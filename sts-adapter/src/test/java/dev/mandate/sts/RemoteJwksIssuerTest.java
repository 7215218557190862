package dev.mandate.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import dev.mandate.sts.StsHarness.Response;
import dev.mandate.sts.config.IssuerConfig;
import dev.mandate.sts.keys.SigningAlgorithm;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An issuer whose keys come from a JWKS URL: fetched and cached, refetched when a token names an
 * unknown kid (the issuer rotated), but at a bounded rate so unknown kids cannot make the STS
 * hammer the issuer.
 */
class RemoteJwksIssuerTest {
  static final String REMOTE = "https://remote-idp.test";

  @TempDir
  Path dir;

  @Test
  void fetchesCachesAndRefreshesOnUnknownKidAtABoundedRate() throws Exception {
    List<JWK> served = new CopyOnWriteArrayList<>();
    JWK first = SigningAlgorithm.ES256.generate();
    served.add(first.toPublicJWK());
    AtomicInteger fetches = new AtomicInteger();
    HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jwks.createContext("/jwks", ex -> {
      fetches.incrementAndGet();
      byte[] out = new JWKSet(new ArrayList<>(served)).toString(true)
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    jwks.start();
    URI url = URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks");
    try (StsHarness h = new StsHarness(dir, null, c -> {
      List<IssuerConfig> issuers = new ArrayList<>(c[0].issuers());
      issuers.add(new IssuerConfig(REMOTE, null, url, false, List.of("ES256"), List.of()));
      c[0] = c[0].withClientsAndIssuers(c[0].clients(), issuers);
    })) {
      Response r1 = exchange(h, first);
      assertEquals(200, r1.status(), r1.body());
      int afterFirst = fetches.get();
      assertEquals(1, afterFirst);
      assertEquals(200, exchange(h, first).status());
      assertEquals(afterFirst, fetches.get(), "the key set is cached");

      // An unknown kid within the rate limit: no refetch, refused.
      JWK rogue = SigningAlgorithm.ES256.generate();
      Response r2 = exchange(h, rogue);
      assertEquals("invalid_grant", r2.error());
      assertTrue(r2.json().get("error_description").asText().contains("unknown_key"), r2.body());
      exchange(h, rogue);
      assertTrue(fetches.get() <= afterFirst + 1,
          "unknown kids refetch at most once per interval: " + fetches.get());
    } finally {
      jwks.stop(0);
    }
  }

  private static Response exchange(StsHarness h, JWK key) {
    Instant now = Instant.now();
    String token = StsHarness.sign(key, new JWTClaimsSet.Builder().issuer(REMOTE)
        .subject("alice").claim("tenant", "acme").claim("scope", "files:read")
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).build());
    return h.asChatWeb(StsHarness.exchange(token).add("audience", "file-service"));
  }
}
