package dev.mandate.sts.token;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;

/**
 * A token whose signature, issuer, lifetime and (where configured) audience have been checked.
 *
 * @param type the token type URN the client declared
 * @param issuer the trusted issuer whose key verified the signature
 * @param claims the verified claims
 * @param claimsJson the verified payload, exactly as signed, for the policy input
 */
public record ValidatedToken(String type, String issuer, JWTClaimsSet claims, String claimsJson,
    Instant expiresAt) {
  public String subject() {
    return claims.getSubject();
  }
}
