package dev.mandate.rego.builtins;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.Value;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code crypto.x509.parse_rsa_private_key} (a private key as a JWK object) and
 * {@code crypto.parse_private_keys} (private keys as Go marshals them), plus the private key
 * reading that {@code crypto.x509.parse_keypair} shares. PEM blocks {@code RSA PRIVATE KEY}
 * (PKCS#1), {@code PRIVATE KEY} (PKCS#8) and {@code EC PRIVATE KEY} (SEC 1) are read; other
 * blocks are skipped, as in OPA.
 */
final class PrivateKeyBuiltins {
  /** DER of the ecPublicKey algorithm OID, for wrapping SEC 1 keys as PKCS#8. */
  private static final byte[] EC_PUBLIC_KEY_OID = java.util.HexFormat.of().parseHex("06072a8648ce3d0201");

  private PrivateKeyBuiltins() {}

  /** A private key and, when known, its public half. */
  record KeyPair(PrivateKey privateKey, PublicKey publicKey) {}

  static void register(BuiltinRegistry r) {
    r.function("crypto.x509.parse_rsa_private_key", 1, (ctx, a) -> jwkFromPrivateKey(Args.string(a, 0)));
    r.function("crypto.parse_private_keys", 1, (ctx, a) -> {
      String input = Args.string(a, 0);
      if (input.isEmpty()) {
        return NullValue.INSTANCE;
      }
      List<Value> keys = new ArrayList<>();
      for (KeyPair k : keysFromPem(input)) {
        keys.add(goJson(k));
      }
      return ArrayValue.of(keys);
    });
  }

  private static Value jwkFromPrivateKey(String input) {
    if (input.isEmpty()) {
      throw BuiltinException.error("input PEM data was empty");
    }
    String pem = input;
    if (!pem.startsWith("-----BEGIN")) {
      pem = new String(X509Builtins.base64Std(pem), StandardCharsets.UTF_8);
    }
    List<KeyPair> keys = keysFromPem(pem);
    if (keys.isEmpty()) {
      return NullValue.INSTANCE;
    }
    KeyPair k = keys.get(0);
    try {
      String json = switch (k.privateKey()) {
        case RSAPrivateCrtKey rsa -> new RSAKey.Builder((RSAPublicKey) k.publicKey()).privateKey(rsa).build().toJSONString();
        case ECPrivateKey ec when k.publicKey() instanceof ECPublicKey pub ->
            new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), pub).privateKey(ec).build().toJSONString();
        default -> throw BuiltinException.error("unsupported key type for JWK conversion: " + k.privateKey().getAlgorithm());
      };
      return Json.parse(json);
    } catch (RuntimeException e) {
      if (e instanceof BuiltinException b) {
        throw b;
      }
      throw BuiltinException.error("failed to convert private key to JWK: " + JwtKeys.message(e));
    }
  }

  /** OPA's getPrivateKeysFromPEMData: optional outer base64, then every private key block. */
  static List<KeyPair> keysFromPem(String input) {
    String text = input;
    byte[] decoded = X509Builtins.base64StdOrNull(input);
    if (decoded != null) {
      text = new String(decoded, StandardCharsets.UTF_8);
    }
    List<KeyPair> keys = new ArrayList<>();
    for (Pem.Block block : Pem.decodeAll(text)) {
      switch (block.type()) {
        case "RSA PRIVATE KEY" -> keys.add(pkcs1(block.bytes()));
        case "PRIVATE KEY" -> keys.add(pkcs8(block.bytes()));
        case "EC PRIVATE KEY" -> keys.add(sec1(block.bytes()));
        default -> { }
      }
    }
    return keys;
  }

  static KeyPair pkcs1(byte[] der) {
    try {
      List<Der.Element> f = Der.read(der).children();
      BigInteger n = f.get(1).integer();
      BigInteger e = f.get(2).integer();
      RSAPrivateCrtKeySpec spec = new RSAPrivateCrtKeySpec(n, e, f.get(3).integer(), f.get(4).integer(),
          f.get(5).integer(), f.get(6).integer(), f.get(7).integer(), f.get(8).integer());
      KeyFactory kf = KeyFactory.getInstance("RSA");
      return new KeyPair(kf.generatePrivate(spec), kf.generatePublic(new RSAPublicKeySpec(n, e)));
    } catch (GeneralSecurityException | Der.DerException | IndexOutOfBoundsException e) {
      throw BuiltinException.error("x509: failed to parse private key: " + JwtKeys.message(e));
    }
  }

  static KeyPair pkcs8(byte[] der) {
    for (String type : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        PrivateKey key = KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
        return new KeyPair(key, publicHalf(key, der));
      } catch (GeneralSecurityException | Der.DerException | IndexOutOfBoundsException e) {
        // try the next key type
      }
    }
    throw BuiltinException.error("x509: failed to parse private key (use ParsePKCS1PrivateKey instead for this key format)");
  }

  static KeyPair sec1(byte[] der) {
    try {
      Der.Element curve = null;
      for (Der.Element e : Der.read(der).children()) {
        if (e.isContext(0)) {
          curve = Der.read(e.content());
        }
      }
      if (curve == null) {
        throw BuiltinException.error("x509: failed to parse EC private key: missing curve parameters");
      }
      byte[] pkcs8 = Der.encode(Der.SEQUENCE, Der.encode(Der.INTEGER, new byte[] {0}),
          Der.encode(Der.SEQUENCE, EC_PUBLIC_KEY_OID, curve.encoded()), Der.encode(Der.OCTET_STRING, der));
      PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      return new KeyPair(key, ecPublicFromSec1((ECPrivateKey) key, der));
    } catch (GeneralSecurityException | Der.DerException | IndexOutOfBoundsException e) {
      throw BuiltinException.error("x509: failed to parse EC private key: " + JwtKeys.message(e));
    }
  }

  /** The public half: derived for RSA, read from the encoding for EC, regenerated for Ed25519. */
  private static PublicKey publicHalf(PrivateKey key, byte[] pkcs8) throws GeneralSecurityException {
    return switch (key) {
      case RSAPrivateCrtKey rsa -> KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
      case ECPrivateKey ec -> ecPublicFromSec1(ec, Der.read(pkcs8).children().get(2).content());
      case EdECPrivateKey ed when ed.getBytes().isPresent() -> ed25519Public(ed.getBytes().get());
      default -> null;
    };
  }

  /** The public point a SEC 1 key carries in its optional [1] field; null when absent. */
  private static PublicKey ecPublicFromSec1(ECPrivateKey key, byte[] sec1) throws GeneralSecurityException {
    for (Der.Element e : Der.read(sec1).children()) {
      if (e.isContext(1)) {
        byte[] point = Der.read(e.content()).bits();
        int size = (point.length - 1) / 2;
        if (point.length < 3 || point[0] != 4) {
          return null;
        }
        ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + size)),
            new BigInteger(1, Arrays.copyOfRange(point, 1 + size, point.length)));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, key.getParams()));
      }
    }
    return null;
  }

  /**
   * The Ed25519 public key of a seed. An Ed25519 private key is its 32-byte seed, so the JDK's
   * generator fed exactly that seed as its randomness regenerates the pair.
   */
  private static PublicKey ed25519Public(byte[] seed) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
    g.initialize(255, new SecureRandom() {
      @Override
      public void nextBytes(byte[] bytes) {
        System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
      }
    });
    return g.generateKeyPair().getPublic();
  }

  /** The JSON Go writes for an RSA, ECDSA or Ed25519 private key. */
  static Value goJson(KeyPair k) {
    return switch (k.privateKey()) {
      case RSAPrivateCrtKey rsa -> ObjectValue.builder()
          .put("N", NumberValue.of(rsa.getModulus()))
          .put("E", NumberValue.of(rsa.getPublicExponent()))
          .put("D", NumberValue.of(rsa.getPrivateExponent()))
          .put("Primes", ArrayValue.of(NumberValue.of(rsa.getPrimeP()), NumberValue.of(rsa.getPrimeQ())))
          .put("Precomputed", ObjectValue.builder()
              .put("Dp", NumberValue.of(rsa.getPrimeExponentP()))
              .put("Dq", NumberValue.of(rsa.getPrimeExponentQ()))
              .put("Qinv", NumberValue.of(rsa.getCrtCoefficient()))
              .put("CRTValues", ArrayValue.EMPTY)
              .build())
          .build();
      case ECPrivateKey ec -> {
        ObjectValue.Builder b = ObjectValue.builder().put("Curve", ObjectValue.EMPTY).put("D", NumberValue.of(ec.getS()));
        if (k.publicKey() instanceof ECPublicKey pub) {
          b.put("X", NumberValue.of(pub.getW().getAffineX())).put("Y", NumberValue.of(pub.getW().getAffineY()));
        } else {
          b.put("X", NullValue.INSTANCE).put("Y", NullValue.INSTANCE);
        }
        yield b.build();
      }
      case EdECPrivateKey ed when ed.getBytes().isPresent() && k.publicKey() != null -> {
        byte[] spki = k.publicKey().getEncoded();
        byte[] pub = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        byte[] seed = ed.getBytes().get();
        byte[] full = new byte[64];
        System.arraycopy(seed, 0, full, 0, 32);
        System.arraycopy(pub, 0, full, 32, 32);
        yield X509Json.b64(full);
      }
      default -> NullValue.INSTANCE;
    };
  }
}
