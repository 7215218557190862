package dev.mandate.sts.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Ed25519 keys between JWK (RFC 8037) and the JDK's own EdDSA provider. Nimbus signs and
 * verifies Ed25519 only through Google Tink, which Mandate does not ship; the JDK has had
 * Ed25519 since 15, and its keys are the raw 32 bytes behind fixed DER prefixes.
 */
public final class Ed25519Keys {
  /** SubjectPublicKeyInfo for id-Ed25519 (RFC 8410), before the 32-byte public key. */
  private static final byte[] X509_PREFIX = hex("302a300506032b6570032100");
  /** PKCS#8 PrivateKeyInfo for id-Ed25519, before the 32-byte seed. */
  private static final byte[] PKCS8_PREFIX = hex("302e020100300506032b657004220420");

  private Ed25519Keys() {}

  public static OctetKeyPair generate(String kid) {
    try {
      KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      byte[] x = tail(kp.getPublic().getEncoded(), X509_PREFIX);
      byte[] d = tail(kp.getPrivate().getEncoded(), PKCS8_PREFIX);
      return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x))
          .d(Base64URL.encode(d))
          .keyID(kid)
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no Ed25519 provider", e);
    }
  }

  public static PublicKey publicKey(OctetKeyPair jwk) throws JOSEException {
    requireEd25519(jwk);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(
          new X509EncodedKeySpec(concat(X509_PREFIX, jwk.getDecodedX())));
    } catch (GeneralSecurityException e) {
      throw new JOSEException("invalid Ed25519 public key", e);
    }
  }

  public static PrivateKey privateKey(OctetKeyPair jwk) throws JOSEException {
    requireEd25519(jwk);
    if (jwk.getD() == null) {
      throw new JOSEException("the Ed25519 JWK has no private part");
    }
    try {
      return KeyFactory.getInstance("Ed25519").generatePrivate(
          new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, jwk.getDecodedD())));
    } catch (GeneralSecurityException e) {
      throw new JOSEException("invalid Ed25519 private key", e);
    }
  }

  private static void requireEd25519(OctetKeyPair jwk) throws JOSEException {
    if (!Curve.Ed25519.equals(jwk.getCurve())) {
      throw new JOSEException("only the Ed25519 curve is supported for EdDSA");
    }
  }

  private static byte[] tail(byte[] encoded, byte[] prefix) {
    if (encoded.length != prefix.length + 32
        || !Arrays.equals(Arrays.copyOf(encoded, prefix.length), prefix)) {
      throw new IllegalStateException("unexpected Ed25519 key encoding");
    }
    return Arrays.copyOfRange(encoded, prefix.length, encoded.length);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] hex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
