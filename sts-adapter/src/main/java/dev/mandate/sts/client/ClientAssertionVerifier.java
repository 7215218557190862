package dev.mandate.sts.client;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.mandate.sts.token.SignatureCheck;
import dev.mandate.sts.token.TokenRejectedException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Verifies a {@code private_key_jwt} client assertion (RFC 7523 §3, OpenID Connect Core §9):
 * signed by a key in the client's registered JWKS with an allowed algorithm; {@code iss} and
 * {@code sub} both the client id; {@code aud} naming this STS (its issuer or token endpoint);
 * an {@code exp} in the future but no further ahead than {@code maxLifetime}; and a {@code jti}
 * never seen before from this client while the assertion is still valid.
 */
public final class ClientAssertionVerifier {
  private static final int MAX_ASSERTION_CHARS = 8 * 1024;

  private final Set<String> acceptedAudiences;
  private final Set<JWSAlgorithm> algorithms;
  private final JtiReplayCache replay;
  private final Clock clock;
  private final Duration skew;
  private final Duration maxLifetime;

  public ClientAssertionVerifier(Set<String> acceptedAudiences, Set<JWSAlgorithm> algorithms,
      JtiReplayCache replay, Clock clock, Duration skew, Duration maxLifetime) {
    this.acceptedAudiences = Set.copyOf(acceptedAudiences);
    this.algorithms = Set.copyOf(algorithms);
    this.replay = replay;
    this.clock = clock;
    this.skew = skew;
    this.maxLifetime = maxLifetime;
  }

  /** The client id the assertion claims, read before verification to find the client. */
  public static String claimedClient(String assertion) throws TokenRejectedException {
    SignedJWT jwt = parse(assertion);
    try {
      Object iss = jwt.getJWTClaimsSet().getClaim("iss");
      if (iss instanceof String s && !s.isEmpty()) {
        return s;
      }
    } catch (ParseException | RuntimeException e) {
      // fall through
    }
    throw new TokenRejectedException("malformed_assertion", "no iss claim");
  }

  /** Throws unless {@code assertion} authenticates {@code client}. */
  public void verify(String assertion, RegisteredClient client) throws TokenRejectedException {
    SignedJWT jwt = parse(assertion);
    try {
      SignatureCheck.verify(jwt, new ImmutableJWKSet<>(client.jwks()), algorithms);
    } catch (KeySourceException e) {
      throw new TokenRejectedException("unknown_key", "client keys unavailable");
    }
    JWTClaimsSet c;
    try {
      c = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new TokenRejectedException("malformed_assertion", "claims");
    }
    if (!client.id().equals(c.getIssuer()) || !client.id().equals(c.getSubject())) {
      throw new TokenRejectedException("assertion_subject", "iss and sub must be the client id");
    }
    List<String> aud = c.getAudience();
    if (aud == null || aud.stream().noneMatch(acceptedAudiences::contains)) {
      throw new TokenRejectedException("assertion_audience", "aud " + aud);
    }
    Instant now = clock.instant();
    Date exp = c.getExpirationTime();
    if (exp == null || !now.minus(skew).isBefore(exp.toInstant())) {
      throw new TokenRejectedException("assertion_expired", "exp " + exp);
    }
    if (exp.toInstant().isAfter(now.plus(maxLifetime).plus(skew))) {
      throw new TokenRejectedException("assertion_lifetime", "exp too far ahead: " + exp);
    }
    Date nbf = c.getNotBeforeTime();
    if (nbf != null && now.plus(skew).isBefore(nbf.toInstant())) {
      throw new TokenRejectedException("assertion_not_yet_valid", "nbf " + nbf);
    }
    String jti = c.getJWTID();
    if (jti == null || jti.isEmpty() || jti.length() > 256) {
      throw new TokenRejectedException("assertion_jti", "missing jti");
    }
    // Remember it until it expires (plus skew, the window in which it would still be accepted).
    if (!replay.firstUse(client.id(), jti, exp.toInstant().plus(skew))) {
      throw new TokenRejectedException("assertion_replayed", "jti " + jti + " already used");
    }
  }

  private static SignedJWT parse(String assertion) throws TokenRejectedException {
    if (assertion.length() > MAX_ASSERTION_CHARS) {
      throw new TokenRejectedException("malformed_assertion", "too large");
    }
    try {
      JWT jwt = JWTParser.parse(assertion);
      if (jwt instanceof SignedJWT s) {
        return s;
      }
    } catch (ParseException | RuntimeException e) {
      // fall through
    }
    throw new TokenRejectedException("malformed_assertion", "not a signed JWT");
  }
}
