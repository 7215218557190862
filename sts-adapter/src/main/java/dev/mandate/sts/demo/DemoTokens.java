package dev.mandate.sts.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mandate.sts.jose.Jws;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Signs demo subject and actor tokens as a demo identity provider would. */
public final class DemoTokens {
  private DemoTokens() {}

  /** What goes into one demo token. Null fields are left out. */
  public record Spec(String issuer, String subject, String tenant, String scope,
      List<String> audience, long ttlSeconds, String actor, String env, List<String> roles) {}

  public static String sign(JWK key, Spec s, Instant now) {
    JWTClaimsSet.Builder c = new JWTClaimsSet.Builder()
        .issuer(s.issuer())
        .subject(s.subject())
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(s.ttlSeconds())))
        .jwtID(UUID.randomUUID().toString());
    if (s.audience() != null && !s.audience().isEmpty()) {
      c.audience(s.audience());
    }
    if (s.tenant() != null) {
      c.claim("tenant", s.tenant());
    }
    if (s.scope() != null && !s.scope().isBlank()) {
      c.claim("scope", s.scope().trim());
    }
    if (s.env() != null) {
      c.claim("env", s.env());
    }
    if (s.actor() != null) {
      c.claim("act", Map.of("sub", s.actor()));
    }
    if (s.roles() != null && !s.roles().isEmpty()) {
      c.claim("roles", s.roles());
    }
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
        .type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(), c.build());
    try {
      jwt.sign(Jws.signer(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }
}
