package dev.mandate.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mandate.sts.client.SecretHash;
import dev.mandate.sts.demo.DemoEnvironment;
import dev.mandate.sts.jose.Jws;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line: demo-token prints a token and nothing else; hash-secret hashes stdin. */
class StsMainTest {
  @TempDir
  Path dir;

  private static String run(String stdin, String... args) {
    PrintStream out = System.out;
    InputStream in = System.in;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      if (stdin != null) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      }
      assertEquals(0, new CommandLine(new StsMain()).execute(args));
    } finally {
      System.setOut(out);
      System.setIn(in);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void demoTokenPrintsOnlyASignedToken() throws Exception {
    String out = run(null, "demo-token", "--state-dir", dir.toString(), "--sub", "bob",
        "--tenant", "acme", "--scope", "files:read calendar:read", "--aud", "file-service",
        "--ttl", "120", "--act", "chat-web");
    String[] lines = out.split("\n");
    assertEquals(1, lines.length, out);
    SignedJWT jwt = SignedJWT.parse(lines[0].trim());
    var key = DemoEnvironment.open(dir).issuerKey(DemoEnvironment.ACME_IDP);
    assertTrue(jwt.verify(Jws.verifier(key.toPublicJWK(), JWSAlgorithm.ES256)));
    JWTClaimsSet c = jwt.getJWTClaimsSet();
    assertEquals(DemoEnvironment.ACME_IDP, c.getIssuer());
    assertEquals("bob", c.getSubject());
    assertEquals("acme", c.getStringClaim("tenant"));
    assertEquals("files:read calendar:read", c.getStringClaim("scope"));
    assertEquals(List.of("file-service"), c.getAudience());
    assertEquals(Map.of("sub", "chat-web"), c.getJSONObjectClaim("act"));
    assertEquals(120, (c.getExpirationTime().getTime() - c.getIssueTime().getTime()) / 1000);
  }

  @Test
  void demoTokenFromThePartnerIssuerWithoutTenant() throws Exception {
    String out = run(null, "demo-token", "--state-dir", dir.toString(), "--issuer",
        DemoEnvironment.PARTNER_IDP, "--tenant", "");
    JWTClaimsSet c = SignedJWT.parse(out.trim()).getJWTClaimsSet();
    assertEquals(DemoEnvironment.PARTNER_IDP, c.getIssuer());
    assertEquals(null, c.getClaim("tenant"));
  }

  @Test
  void hashSecretHashesStandardInput() {
    String out = run("s3cret\n", "hash-secret", "--iterations", "20000").trim();
    SecretHash h = SecretHash.parse(out);
    assertEquals(20000, h.iterations());
    assertTrue(h.matches("s3cret"));
  }
}
