package dev.mandate.sts.mint;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mandate.sts.client.AuthenticatedClient;
import dev.mandate.sts.jose.Jws;
import dev.mandate.sts.keys.SigningKeys;
import dev.mandate.sts.oauth.TokenTypes;
import dev.mandate.sts.pdp.Grant;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

/**
 * Signs the token a permit grants: a JWT access token in the RFC 9068 profile ({@code typ:
 * at+jwt}) with {@code iss}, {@code sub}, the one granted {@code aud}, {@code scope},
 * {@code client_id}, {@code iat}/{@code nbf}/{@code exp}, a random {@code jti}, the {@code act}
 * chain, the grant's extra claims and the {@code decision_id} that allowed it.
 */
public final class TokenMinter {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

  private final String issuer;
  private final SigningKeys keys;
  /** The signer of the current key, made once per key rather than once per token. */
  private volatile KeySigner signer;

  private record KeySigner(JWK key, JWSSigner signer) {}

  public TokenMinter(String issuer, SigningKeys keys) {
    this.issuer = issuer;
    this.keys = keys;
  }

  /** {@code now} must be the instant sent to the PDP as {@code context.time}. */
  public IssuedToken mint(Grant g, AuthenticatedClient client, String decisionId, Instant now) {
    JWK key = keys.current();
    Instant exp = now.plusSeconds(g.ttlSeconds());
    String jti = randomId();
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
    for (Map.Entry<String, Object> c : g.claims().entrySet()) {
      claims.claim(c.getKey(), c.getValue());
    }
    claims.issuer(issuer)
        .subject(g.subject())
        .audience(g.audience())
        .claim("scope", String.join(" ", g.scope()))
        .claim("client_id", client.id())
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(exp))
        .jwtID(jti)
        .claim("decision_id", decisionId);
    if (g.act() != null) {
      claims.claim("act", g.act());
    }
    boolean accessToken = TokenTypes.ACCESS_TOKEN.equals(g.tokenType());
    JWSHeader header = new JWSHeader.Builder(keys.algorithm().jws())
        .type(accessToken ? AT_JWT : JOSEObjectType.JWT)
        .keyID(key.getKeyID())
        .build();
    SignedJWT jwt = new SignedJWT(header, claims.build());
    try {
      jwt.sign(signerFor(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("signing the issued token failed", e);
    }
    // RFC 8693 §2.2.1: token_type is N_A when the issued token is not an access token.
    return new IssuedToken(jwt.serialize(), g.tokenType(), accessToken ? "Bearer" : "N_A",
        g.ttlSeconds(), g.scope(), jti);
  }

  /** Nimbus's signers are thread-safe; a rotation brings a new current key and a new signer. */
  private JWSSigner signerFor(JWK key) throws JOSEException {
    KeySigner s = signer;
    if (s == null || s.key() != key) {
      s = new KeySigner(key, Jws.signer(key));
      signer = s;
    }
    return s.signer();
  }

  private static String randomId() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
