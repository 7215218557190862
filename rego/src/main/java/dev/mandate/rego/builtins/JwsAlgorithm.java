package dev.mandate.rego.builtins;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JWS algorithms OPA knows (its {@code tokenAlgorithms} set), each mapped to the JDK
 * provider that computes it. {@code none} is deliberately absent: an unknown algorithm never
 * verifies.
 */
enum JwsAlgorithm {
  RS256(Family.RSA_PKCS1, "SHA256withRSA", null),
  RS384(Family.RSA_PKCS1, "SHA384withRSA", null),
  RS512(Family.RSA_PKCS1, "SHA512withRSA", null),
  PS256(Family.RSA_PSS, "RSASSA-PSS", pss("SHA-256", MGF1ParameterSpec.SHA256, 32)),
  PS384(Family.RSA_PSS, "RSASSA-PSS", pss("SHA-384", MGF1ParameterSpec.SHA384, 48)),
  PS512(Family.RSA_PSS, "RSASSA-PSS", pss("SHA-512", MGF1ParameterSpec.SHA512, 64)),
  ES256(Family.ECDSA, "SHA256withECDSAinP1363Format", null),
  ES384(Family.ECDSA, "SHA384withECDSAinP1363Format", null),
  ES512(Family.ECDSA, "SHA512withECDSAinP1363Format", null),
  HS256(Family.HMAC, "HmacSHA256", null),
  HS384(Family.HMAC, "HmacSHA384", null),
  HS512(Family.HMAC, "HmacSHA512", null),
  EdDSA(Family.EDDSA, "Ed25519", null);

  /** The kinds of key an algorithm needs. */
  enum Family { RSA_PKCS1, RSA_PSS, ECDSA, HMAC, EDDSA }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Family family;
  private final String jdkName;
  private final PSSParameterSpec pssParams;

  JwsAlgorithm(Family family, String jdkName, PSSParameterSpec pssParams) {
    this.family = family;
    this.jdkName = jdkName;
    this.pssParams = pssParams;
  }

  private static PSSParameterSpec pss(String hash, MGF1ParameterSpec mgf, int saltLength) {
    // RFC 7518 3.5: MGF1 with the same hash, salt as long as the hash output.
    return new PSSParameterSpec(hash, "MGF1", mgf, saltLength, PSSParameterSpec.TRAILER_FIELD_BC);
  }

  /** The algorithm named exactly {@code name} (case matters, as in OPA), or null. */
  static JwsAlgorithm byName(String name) {
    for (JwsAlgorithm a : values()) {
      if (a.name().equals(name)) {
        return a;
      }
    }
    return null;
  }

  Family family() {
    return family;
  }

  /**
   * True when {@code signature} is a valid signature of {@code input} under {@code key}. A key
   * of the wrong kind (an RSA key for HS256, a secret for RS256) is simply not valid: this is
   * what stops HMAC tokens "signed" with a public key's text from verifying.
   */
  boolean verify(JwtKey.Material key, byte[] input, byte[] signature, boolean allowPrivateJwk) {
    try {
      return switch (key) {
        case JwtKey.Secret s -> family == Family.HMAC && verifyMac(s.bytes(), input, signature);
        case JwtKey.Asymmetric a -> (allowPrivateJwk || !a.fromPrivateJwk())
            && verifySignature(a.key(), input, signature);
        case JwtKey.Unusable u -> false;
      };
    } catch (GeneralSecurityException | RuntimeException e) {
      // Malformed signatures and keys the provider refuses are failed verifications, not errors.
      return false;
    }
  }

  /** HMAC check of a raw secret, compared in constant time. */
  boolean verifyMac(byte[] secret, byte[] input, byte[] signature) {
    if (family != Family.HMAC) {
      return false;
    }
    try {
      return MessageDigest.isEqual(mac(secret, input), signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private boolean verifySignature(PublicKey key, byte[] input, byte[] signature)
      throws GeneralSecurityException {
    switch (family) {
      case RSA_PKCS1, RSA_PSS -> {
        if (!(key instanceof RSAKey)) {
          return false;
        }
      }
      case ECDSA -> {
        if (!(key instanceof ECKey ec)) {
          return false;
        }
        signature = toP1363(signature, orderBytes(ec));
        if (signature == null) {
          return false;
        }
      }
      case EDDSA -> {
        if (!(key instanceof EdECKey ed) || !"Ed25519".equals(ed.getParams().getName())) {
          return false;
        }
      }
      case HMAC -> {
        return false;
      }
    }
    if (family == Family.RSA_PSS) {
      // Go verifies PSS with automatic salt length; the JDK needs it stated. JWS signers use the
      // hash length (RFC 7518), Go's own rsa.SignPSS defaults to the maximum: accept both.
      return verifyWith(key, input, signature, pssParams)
          || verifyWith(key, input, signature, withSalt(pssParams, maxSaltLength((RSAKey) key)));
    }
    return verifyWith(key, input, signature, null);
  }

  private boolean verifyWith(PublicKey key, byte[] input, byte[] signature, PSSParameterSpec params)
      throws GeneralSecurityException {
    Signature verifier = Signature.getInstance(jdkName);
    if (params != null) {
      verifier.setParameter(params);
    }
    verifier.initVerify(key);
    verifier.update(input);
    return verifier.verify(signature);
  }

  private static PSSParameterSpec withSalt(PSSParameterSpec p, int saltLength) {
    return new PSSParameterSpec(p.getDigestAlgorithm(), p.getMGFAlgorithm(), p.getMGFParameters(),
        Math.max(saltLength, 0), p.getTrailerField());
  }

  /**
   * RFC 8017 9.1: emLen - hLen - 2, with emLen = ceil((modBits - 1) / 8). The standard salt
   * length of these parameters is hLen.
   */
  private int maxSaltLength(RSAKey key) {
    int emLen = (key.getModulus().bitLength() - 1 + 7) / 8;
    return emLen - pssParams.getSaltLength() - 2;
  }

  /** Signs {@code input}; the key must suit the algorithm. */
  byte[] sign(PrivateKey key, byte[] input) throws GeneralSecurityException {
    Signature signer = Signature.getInstance(jdkName);
    if (pssParams != null) {
      signer.setParameter(pssParams);
    }
    signer.initSign(key, RANDOM);
    signer.update(input);
    return signer.sign();
  }

  /** The HMAC of {@code input}. */
  byte[] mac(byte[] secret, byte[] input) throws GeneralSecurityException {
    Mac mac = Mac.getInstance(jdkName);
    // The JDK refuses an empty key, Go does not. HMAC pads the key with zero bytes to the block
    // size, so the empty key and the one-zero-byte key give the same MAC.
    byte[] k = secret.length == 0 ? new byte[] {0} : secret;
    mac.init(new SecretKeySpec(k, jdkName));
    return mac.doFinal(input);
  }

  private static int orderBytes(ECKey key) {
    return (key.getParams().getOrder().bitLength() + 7) / 8;
  }

  /**
   * OPA splits an ECDSA signature into two halves and reads r and s from them as big-endian
   * numbers, whatever the curve. This rebuilds that as the fixed-width r||s the JDK expects;
   * null when a half holds a number too large for the curve (never a valid signature).
   */
  private static byte[] toP1363(byte[] signature, int size) {
    int half = signature.length / 2;
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, half));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, half, signature.length));
    byte[] out = new byte[2 * size];
    return put(r, out, 0, size) && put(s, out, size, size) ? out : null;
  }

  private static boolean put(BigInteger v, byte[] out, int offset, int size) {
    byte[] b = v.toByteArray();
    int start = 0;
    while (start < b.length - 1 && b[start] == 0) {
      start++;
    }
    int len = b.length - start;
    if (len > size) {
      return false;
    }
    System.arraycopy(b, start, out, offset + size - len, len);
    return true;
  }
}
