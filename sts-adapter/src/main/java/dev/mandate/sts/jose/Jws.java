package dev.mandate.sts.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Signers and verifiers for the asymmetric JWS algorithms Mandate accepts, chosen by the key's
 * type (never by the token's header alone), and the parsing of per-issuer algorithm allowlists.
 * {@code none} and the HMAC family are never accepted: every party Mandate verifies publishes
 * public keys, and accepting HMAC there is the classic "public key as HMAC secret" forgery.
 */
public final class Jws {
  /** Every algorithm an allowlist may name. */
  public static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(
      JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
      JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
      JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512,
      JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

  /** The default allowlist for issuers and client assertions. */
  public static final Set<JWSAlgorithm> DEFAULT_ALLOWED = Set.of(
      JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA);

  private Jws() {}

  /** Parses an allowlist; rejects {@code none}, HMAC and unknown names. */
  public static Set<JWSAlgorithm> allowlist(List<String> names, String where) {
    Set<JWSAlgorithm> out = new LinkedHashSet<>();
    for (String n : names) {
      JWSAlgorithm alg = JWSAlgorithm.parse(n);
      if (!ASYMMETRIC.contains(alg)) {
        throw new IllegalArgumentException(where + ": algorithm " + n
            + " is not allowed (asymmetric JWS algorithms only; never none or HS*)");
      }
      out.add(alg);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(where + ": the algorithm allowlist is empty");
    }
    return Set.copyOf(out);
  }

  /** A verifier for {@code key}, or null when the key cannot verify {@code alg}. */
  public static JWSVerifier verifier(JWK key, JWSAlgorithm alg) throws JOSEException {
    if (key instanceof RSAKey rsa && JWSAlgorithm.Family.RSA.contains(alg)) {
      return new RSASSAVerifier(rsa.toRSAPublicKey());
    }
    if (key instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(alg)) {
      return new ECDSAVerifier(ec.toPublicJWK());
    }
    if (key instanceof OctetKeyPair okp
        && (JWSAlgorithm.EdDSA.equals(alg) || JWSAlgorithm.Ed25519.equals(alg))) {
      return new JdkEd25519Verifier(okp);
    }
    return null;
  }

  public static JWSSigner signer(JWK key) throws JOSEException {
    return switch (key) {
      case RSAKey rsa -> new RSASSASigner(rsa);
      case ECKey ec -> new ECDSASigner(ec);
      case OctetKeyPair okp -> new JdkEd25519Signer(okp);
      default -> throw new JOSEException("cannot sign with a " + key.getKeyType() + " key");
    };
  }
}
