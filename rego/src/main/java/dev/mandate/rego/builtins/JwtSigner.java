package dev.mandate.rego.builtins;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;

/**
 * Builds a compact JWS from header and payload bytes and a JWK, as OPA's
 * {@code io.jwt.encode_sign_raw} does: the given bytes are signed as they are (never
 * re-serialised), with the algorithm the header names.
 */
final class JwtSigner {
  private JwtSigner() {}

  static String sign(String headerJson, String payloadJson, String jwkJson) {
    JWK jwk = JwtKeys.firstJwk(jwkJson);
    JwsAlgorithm alg = algorithm(headerJson);
    Value header = parseOrNull(headerJson);
    Value typ = header instanceof ObjectValue o ? o.get("typ") : null;
    boolean claimsExpected = !(typ instanceof StringValue t) || t.value().equals("JWT");
    if (claimsExpected && parseOrNull(payloadJson) == null) {
      throw BuiltinException.error("type is JWT but payload is not JSON");
    }
    String signingInput = JwtBase64.encode(headerJson.getBytes(StandardCharsets.UTF_8))
        + "." + JwtBase64.encode(payloadJson.getBytes(StandardCharsets.UTF_8));
    byte[] signature = signature(alg, jwk, signingInput.getBytes(StandardCharsets.UTF_8));
    return signingInput + "." + JwtBase64.encode(signature);
  }

  private static JwsAlgorithm algorithm(String headerJson) {
    if (!(parseOrNull(headerJson) instanceof ObjectValue header)) {
      throw BuiltinException.error("missing or invalid 'alg' header: headers are not a JSON object");
    }
    if (!(header.get("alg") instanceof StringValue algName)) {
      throw BuiltinException.error("missing or invalid 'alg' header: 'alg' must be a string");
    }
    JwsAlgorithm alg = JwsAlgorithm.byName(algName.value());
    if (alg == null) {
      throw BuiltinException.error("unknown JWS algorithm: " + algName.value());
    }
    return alg;
  }

  private static Value parseOrNull(String json) {
    try {
      return Json.parse(json);
    } catch (Json.JsonException | NumberFormatException e) {
      return null;
    }
  }

  private static byte[] signature(JwsAlgorithm alg, JWK jwk, byte[] input) {
    try {
      return switch (alg.family()) {
        case HMAC -> {
          if (!(jwk instanceof OctetSequenceKey oct)) {
            throw keyMismatch(alg, "a symmetric (oct)");
          }
          yield alg.mac(oct.toByteArray(), input);
        }
        case RSA_PKCS1, RSA_PSS -> {
          if (!(jwk instanceof RSAKey rsa) || !rsa.isPrivate()) {
            throw keyMismatch(alg, "an RSA private");
          }
          yield alg.sign(rsa.toRSAPrivateKey(), input);
        }
        case ECDSA -> {
          if (!(jwk instanceof ECKey ec) || !ec.isPrivate()) {
            throw keyMismatch(alg, "an EC private");
          }
          yield alg.sign(ec.toECPrivateKey(), input);
        }
        case EDDSA -> {
          if (!(jwk instanceof OctetKeyPair okp) || !okp.isPrivate() || !Curve.Ed25519.equals(okp.getCurve())) {
            throw keyMismatch(alg, "an Ed25519 private");
          }
          PrivateKey key = JwtKeys.ed25519PrivateKey(okp.getDecodedD());
          yield alg.sign(key, input);
        }
      };
    } catch (JOSEException | GeneralSecurityException e) {
      throw BuiltinException.error("failed to sign JWS: " + JwtKeys.message(e));
    }
  }

  private static BuiltinException keyMismatch(JwsAlgorithm alg, String want) {
    return BuiltinException.error("failed to sign JWS: " + alg.name() + " needs " + want + " key");
  }
}
