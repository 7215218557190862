package dev.mandate.rego.builtins;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.Value;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Key parsing for the JWT built-ins, by OPA's rules: a PEM {@code CERTIFICATE} or
 * {@code PUBLIC KEY} block (nothing may follow it), otherwise a JWK or a JWK set
 * ({@code {"keys": [...]}}). JWK structure is parsed by Nimbus; the JDK builds the keys.
 */
final class JwtKeys {
  /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), followed by the 32-byte key. */
  private static final byte[] ED25519_SPKI_PREFIX = hex("302a300506032b6570032100");
  /** DER prefix of an Ed25519 PKCS#8 PrivateKeyInfo (RFC 8410), followed by the 32-byte seed. */
  private static final byte[] ED25519_PKCS8_PREFIX = hex("302e020100300506032b657004220420");

  private JwtKeys() {}

  /** The verification keys in {@code text}; throws a built-in error when it cannot be read. */
  static List<JwtKey> parseVerificationKeys(String text) {
    Optional<Pem.Block> pem = Pem.decode(text);
    if (pem.isPresent()) {
      return List.of(fromPem(pem.get()));
    }
    List<JWK> jwks = parseJwkOrSet(text, "failed to parse a JWK key (set): ");
    List<JwtKey> keys = new ArrayList<>(jwks.size());
    for (JWK jwk : jwks) {
      String alg = jwk.getAlgorithm() == null ? "" : jwk.getAlgorithm().getName();
      // Keys declaring an algorithm OPA does not know are left out, as OPA leaves them out.
      if (!alg.isEmpty() && JwsAlgorithm.byName(alg) == null) {
        continue;
      }
      String kid = jwk.getKeyID() == null ? "" : jwk.getKeyID();
      keys.add(new JwtKey(material(jwk), alg, kid));
    }
    return keys;
  }

  private static JwtKey fromPem(Pem.Block block) {
    if (!block.rest().isEmpty()) {
      throw BuiltinException.error("extra data after a PEM certificate block");
    }
    return switch (block.type()) {
      case "CERTIFICATE" -> {
        try {
          yield new JwtKey(new JwtKey.Asymmetric(certificate(block.bytes()).getPublicKey(), false), "", "");
        } catch (CertificateException e) {
          throw BuiltinException.error("failed to parse a PEM certificate: " + message(e));
        }
      }
      case "PUBLIC KEY" -> {
        try {
          yield new JwtKey(new JwtKey.Asymmetric(pkixPublicKey(block.bytes()), false), "", "");
        } catch (GeneralSecurityException e) {
          throw BuiltinException.error("failed to parse a PEM public key: " + message(e));
        }
      }
      default -> throw BuiltinException.error("failed to extract a Key from the PEM certificate");
    };
  }

  static X509Certificate certificate(byte[] der) throws CertificateException {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
  }

  /** A DER SubjectPublicKeyInfo of any type the JDK reads (RSA, EC, EdDSA, XDH). */
  static PublicKey pkixPublicKey(byte[] der) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (String type : new String[] {"RSA", "EC", "Ed25519", "Ed448", "X25519", "X448", "RSASSA-PSS"}) {
      try {
        return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw new GeneralSecurityException("unsupported or malformed public key", last);
  }

  /**
   * The first key of a JWK or JWK set, for signing. Throws a built-in error when the text is no
   * JWK or the set is empty.
   */
  static JWK firstJwk(String text) {
    List<JWK> keys = parseJwkOrSet(text, "failed to parse JWK: ");
    if (keys.isEmpty()) {
      throw BuiltinException.error("no keys found in JWK set");
    }
    return keys.get(0);
  }

  private static List<JWK> parseJwkOrSet(String text, String errorPrefix) {
    Value parsed;
    try {
      // Our depth-limited parser goes first, so a nested JSON bomb never reaches Nimbus.
      parsed = Json.parse(text);
    } catch (Json.JsonException e) {
      throw BuiltinException.error(errorPrefix + "invalid JSON: " + e.getMessage());
    }
    if (!(parsed instanceof ObjectValue obj)) {
      throw BuiltinException.error(errorPrefix + "JWK must be a JSON object");
    }
    try {
      if (obj.get("keys") != null) {
        return JWKSet.parse(text).getKeys();
      }
      return List.of(JWK.parse(text));
    } catch (ParseException | RuntimeException e) {
      throw BuiltinException.error(errorPrefix + message(e));
    }
  }

  /** The verification material of a JWK: its public key, or its secret. */
  private static JwtKey.Material material(JWK jwk) {
    try {
      return switch (jwk) {
        case RSAKey rsa -> new JwtKey.Asymmetric(rsa.toRSAPublicKey(), rsa.isPrivate());
        case ECKey ec -> new JwtKey.Asymmetric(ec.toECPublicKey(), ec.isPrivate());
        case OctetKeyPair okp -> Curve.Ed25519.equals(okp.getCurve())
            ? new JwtKey.Asymmetric(ed25519PublicKey(okp.getDecodedX()), okp.isPrivate())
            : new JwtKey.Unusable("OKP key on curve " + okp.getCurve());
        case OctetSequenceKey oct -> new JwtKey.Secret(oct.toByteArray());
        default -> new JwtKey.Unusable("key type " + jwk.getKeyType());
      };
    } catch (JOSEException | GeneralSecurityException e) {
      throw BuiltinException.error("failed to parse a JWK key (set): " + message(e));
    }
  }

  static PublicKey ed25519PublicKey(byte[] x) throws GeneralSecurityException {
    if (x.length != 32) {
      throw new GeneralSecurityException("Ed25519 public key must be 32 bytes, got " + x.length);
    }
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(ED25519_SPKI_PREFIX, x)));
  }

  static PrivateKey ed25519PrivateKey(byte[] seed) throws GeneralSecurityException {
    if (seed.length != 32) {
      throw new GeneralSecurityException("Ed25519 private key must be 32 bytes, got " + seed.length);
    }
    return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(concat(ED25519_PKCS8_PREFIX, seed)));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] hex(String s) {
    return java.util.HexFormat.of().parseHex(s);
  }

  static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
