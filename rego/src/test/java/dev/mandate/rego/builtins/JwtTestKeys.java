package dev.mandate.rego.builtins;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Keys generated once per test run, and tokens signed by Nimbus (an implementation independent
 * of the code under test). Ed25519 tokens are signed with the JDK, because Nimbus needs Tink for
 * Ed25519 and Tink is not on the classpath.
 */
final class JwtTestKeys {
  static final RSAKey RSA = generateRsa("rsa-1");
  static final RSAKey RSA_OTHER = generateRsa("rsa-2");
  static final ECKey EC256 = generateEc(Curve.P_256, "ec-256");
  static final ECKey EC384 = generateEc(Curve.P_384, "ec-384");
  static final ECKey EC521 = generateEc(Curve.P_521, "ec-521");
  static final KeyPair ED25519 = generateEd25519();
  static final OctetKeyPair ED25519_JWK = ed25519Jwk(ED25519, "ed-1");

  private JwtTestKeys() {}

  private static RSAKey generateRsa(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ECKey generateEc(Curve curve, String kid) {
    try {
      return new ECKeyGenerator(curve).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair generateEd25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The raw 32-byte keys are the tails of the JDK's fixed-length DER encodings (RFC 8410). */
  private static OctetKeyPair ed25519Jwk(KeyPair kp, String kid) {
    byte[] spki = kp.getPublic().getEncoded();
    byte[] pkcs8 = kp.getPrivate().getEncoded();
    byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    byte[] d = Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
    return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).d(Base64URL.encode(d)).keyID(kid).build();
  }

  /** A PEM "PUBLIC KEY" block. */
  static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  static PublicKey rsaPublic(RSAKey k) {
    try {
      return k.toRSAPublicKey();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static PublicKey ecPublic(ECKey k) {
    try {
      return k.toECPublicKey();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A private key from a PEM "PRIVATE KEY" (PKCS#8) block. */
  static PrivateKey pkcs8(String pem, String algorithm) {
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token signed by Nimbus with the header's algorithm. */
  static String sign(JWSHeader header, String payloadJson, JWSSigner signer) {
    JWSObject jws = new JWSObject(header, new Payload(payloadJson));
    try {
      jws.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jws.serialize();
  }

  static String rsaToken(JWSAlgorithm alg, RSAKey key, String payloadJson) {
    try {
      return sign(new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), payloadJson, new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static String ecToken(JWSAlgorithm alg, ECKey key, String payloadJson) {
    try {
      return sign(new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), payloadJson, new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hmacToken(JWSAlgorithm alg, String secret, String payloadJson) {
    try {
      return sign(new JWSHeader.Builder(alg).build(), payloadJson, new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An EdDSA token made by hand: Nimbus's Ed25519 signer needs Tink. */
  static String ed25519Token(String headerJson, String payloadJson, PrivateKey key) {
    String input = b64(headerJson) + "." + b64(payloadJson);
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Base64url (no padding) of a string's UTF-8 bytes. */
  static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
