package dev.mandate.sts.token;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.mandate.sts.oauth.TokenTypes;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Validates subject and actor tokens (RFC 8693 §2.1): a compact, signed JWT no larger than the
 * configured size, from a trusted issuer, signed with one of that issuer's keys and allowed
 * algorithms, within its {@code nbf}/{@code exp} window (and not issued in the future) give or
 * take the clock skew, carrying a {@code sub}, and for issuers that require it, an accepted
 * audience. The order of checks is chosen so that nothing about the token is trusted (not even
 * its issuer claim) until the signature has verified — the issuer claim only picks which keys
 * to try.
 */
public final class TokenValidator {
  /** Deeper claim nesting than this is refused unparsed; real tokens nest a few levels. */
  static final int MAX_CLAIM_DEPTH = 32;

  private final Map<String, TrustedIssuer> issuers;
  private final Clock clock;
  private final Duration skew;
  private final int maxTokenBytes;

  public TokenValidator(List<TrustedIssuer> issuers, Clock clock, Duration skew,
      int maxTokenBytes) {
    this.issuers = issuers.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
        TrustedIssuer::issuer, i -> i));
    this.clock = clock;
    this.skew = skew;
    this.maxTokenBytes = maxTokenBytes;
  }

  /** True if validating a token may wait on the network: some issuer's keys are fetched. */
  public boolean mayBlock() {
    return issuers.values().stream().anyMatch(TrustedIssuer::remoteKeys);
  }

  /**
   * Validates {@code token} declared as {@code type}; {@code role} ("subject" or "actor")
   * prefixes the lifetime reason codes ({@code subject_token_expired}).
   */
  public ValidatedToken validate(String token, String type, String role)
      throws TokenRejectedException, KeySourceException {
    if (!TokenTypes.ACCEPTED_INPUT.contains(type)) {
      throw new TokenRejectedException("unsupported_token_type", "token type " + type);
    }
    if (token.length() > maxTokenBytes) {
      throw new TokenRejectedException("oversize_token", "token of " + token.length() + " chars");
    }
    SignedJWT jwt = parse(token);
    // The payload's text, decoded once: Nimbus decodes the Base64 again on every toString().
    String payload = jwt.getPayload().toString();
    JWTClaimsSet claims = unverifiedClaims(payload);
    String iss = unverifiedIssuer(claims);
    TrustedIssuer issuer = issuers.get(iss);
    if (issuer == null) {
      throw new TokenRejectedException("untrusted_issuer", "issuer " + iss);
    }
    SignatureCheck.verify(jwt, issuer.keys(), issuer.algorithms());
    // From here on the claims are verified: they are the signed payload's.
    Instant exp = checkLifetime(claims, role);
    if (claims.getSubject() == null || claims.getSubject().isEmpty()) {
      throw new TokenRejectedException("missing_subject", "no sub claim");
    }
    if (!issuer.audiences().isEmpty()) {
      List<String> aud = claims.getAudience();
      if (aud == null || aud.stream().noneMatch(issuer.audiences()::contains)) {
        throw new TokenRejectedException("wrong_audience", "aud " + aud);
      }
    }
    return new ValidatedToken(type, issuer.issuer(), claims, payload, exp);
  }

  /**
   * A compact signed JWT. Parsed as one directly (Nimbus's generic parser reads the header twice
   * to find out which kind it is); only what fails that is given to the generic parser, to tell
   * an unsecured or encrypted JWT (refused as such) from a malformed one.
   */
  private static SignedJWT parse(String token) throws TokenRejectedException {
    try {
      return SignedJWT.parse(token);
    } catch (ParseException | RuntimeException notSigned) {
      JWT jwt;
      try {
        jwt = JWTParser.parse(token);
      } catch (ParseException | RuntimeException e) {
        throw new TokenRejectedException("malformed_token", "not a JWT: " + e.getMessage());
      }
      if (jwt instanceof SignedJWT) {
        throw new TokenRejectedException("malformed_token", "not a JWT: "
            + notSigned.getMessage());
      }
      // An unsecured JWT (alg none) or an encrypted one: neither is accepted.
      throw new TokenRejectedException("unsupported_algorithm", "not a signed JWT");
    }
  }

  /**
   * The claims, parsed before verification only to read {@code iss}, after a check that they do
   * not nest deeply enough to make the parser recurse without end.
   */
  private static JWTClaimsSet unverifiedClaims(String payload) throws TokenRejectedException {
    if (payload == null || JsonNesting.depth(payload) > MAX_CLAIM_DEPTH) {
      throw new TokenRejectedException("malformed_token", "claims nest too deeply");
    }
    try {
      return JWTClaimsSet.parse(payload);
    } catch (ParseException | RuntimeException | StackOverflowError e) {
      throw new TokenRejectedException("malformed_token", "claims are not a JSON object");
    }
  }

  /** The {@code iss} claim, read before verification only to choose the keys. */
  private static String unverifiedIssuer(JWTClaimsSet claims) throws TokenRejectedException {
    if (!(claims.getClaim("iss") instanceof String s)) {
      throw new TokenRejectedException("untrusted_issuer", "no iss claim");
    }
    return s;
  }

  private Instant checkLifetime(JWTClaimsSet claims, String role) throws TokenRejectedException {
    Instant now = clock.instant();
    Date exp;
    Date nbf;
    Date iat;
    try {
      exp = claims.getExpirationTime();
      nbf = claims.getNotBeforeTime();
      iat = claims.getIssueTime();
    } catch (RuntimeException e) {
      throw new TokenRejectedException("malformed_token", "a time claim is not a number");
    }
    if (exp == null) {
      throw new TokenRejectedException("missing_expiry", "no exp claim");
    }
    if (!now.minus(skew).isBefore(exp.toInstant())) {
      throw new TokenRejectedException(role + "_token_expired", "expired at " + exp.toInstant());
    }
    if (nbf != null && now.plus(skew).isBefore(nbf.toInstant())) {
      throw new TokenRejectedException(role + "_token_not_yet_valid",
          "not before " + nbf.toInstant());
    }
    if (iat != null && now.plus(skew).isBefore(iat.toInstant())) {
      throw new TokenRejectedException(role + "_token_issued_in_future",
          "issued at " + iat.toInstant());
    }
    return exp.toInstant();
  }
}
