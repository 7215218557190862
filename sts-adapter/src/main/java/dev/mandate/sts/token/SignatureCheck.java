package dev.mandate.sts.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import dev.mandate.sts.jose.Jws;
import dev.mandate.sts.jose.VerifierCache;
import java.util.List;
import java.util.Set;

/**
 * Verifies a JWS against a key source: the header's algorithm must be on the allowlist, the keys
 * are those the source returns for the header's {@code kid} and algorithm family (a remote JWKS
 * source refreshes itself, rate-limited, when the {@code kid} is unknown), and the verifier is
 * chosen by the key's type so a token cannot talk an RSA or EC key into an HMAC check.
 */
public final class SignatureCheck {
  /** Shared by every issuer and client key source: keys are compared by value. */
  private static final VerifierCache VERIFIERS = new VerifierCache();

  private SignatureCheck() {}

  /** Throws unless {@code jwt} is signed by a key from {@code keys} with an allowed algorithm. */
  public static void verify(SignedJWT jwt, JWKSource<SecurityContext> keys,
      Set<JWSAlgorithm> allowed) throws TokenRejectedException, KeySourceException {
    JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
    if (!allowed.contains(alg) || !Jws.ASYMMETRIC.contains(alg)) {
      throw new TokenRejectedException("unsupported_algorithm", "algorithm " + alg
          + " is not allowed here");
    }
    if (jwt.getHeader().getCriticalParams() != null
        && !jwt.getHeader().getCriticalParams().isEmpty()) {
      throw new TokenRejectedException("malformed_token", "unsupported critical header");
    }
    List<JWK> candidates = keys.get(new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader())),
        null);
    if (candidates.isEmpty()) {
      throw new TokenRejectedException("unknown_key", "no key matches kid "
          + jwt.getHeader().getKeyID() + " and alg " + alg);
    }
    for (JWK key : candidates) {
      if (key.isPrivate()) {
        key = key.toPublicJWK();
      }
      try {
        JWSVerifier v = VERIFIERS.verifier(key, alg);
        if (v != null && jwt.verify(v)) {
          return;
        }
      } catch (JOSEException | IllegalStateException e) {
        // A key that cannot verify this token (wrong curve, bad encoding): try the next one.
      }
    }
    throw new TokenRejectedException("bad_signature", "signature does not verify");
  }
}
