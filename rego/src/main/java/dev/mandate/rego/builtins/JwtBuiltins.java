package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * OPA's {@code io.jwt} built-ins: decoding, signature verification per algorithm, verification
 * with claim constraints ({@code decode_verify}) and signing. Only JWS compact serialisation is
 * supported; JWE tokens are refused as OPA refuses them.
 */
public final class JwtBuiltins {
  private static final ArrayValue UNVERIFIED =
      ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY);

  private JwtBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("io.jwt.decode", 1, (ctx, a) -> decode(Args.string(a, 0)));
    for (JwsAlgorithm alg : JwsAlgorithm.values()) {
      String name = "io.jwt.verify_" + alg.name().toLowerCase(java.util.Locale.ROOT);
      if (alg.family() == JwsAlgorithm.Family.HMAC) {
        r.function(name, 2, (ctx, a) -> verifyHmac(alg, a));
      } else {
        r.function(name, 2, (ctx, a) -> verifyAsymmetric(ctx, alg, a));
      }
    }
    r.function("io.jwt.decode_verify", 2, (ctx, a) -> decodeVerify(ctx, a));
    r.function("io.jwt.encode_sign", 3, (ctx, a) -> StringValue.of(JwtSigner.sign(
        GoJson.marshal(Args.object(a, 0)), GoJson.marshal(Args.object(a, 1)), GoJson.marshal(Args.object(a, 2)))));
    r.function("io.jwt.encode_sign_raw", 3, (ctx, a) -> {
      String key = Args.string(a, 2);
      return StringValue.of(JwtSigner.sign(Args.string(a, 0), Args.string(a, 1), key));
    });
  }

  /** {@code [header, payload, signature as hex]}; a {@code cty: "JWT"} token is unwrapped. */
  static ArrayValue decode(String token) {
    CompactJwt jwt = CompactJwt.split(token);
    ObjectValue header = jwt.decodeHeader();
    String payloadText = jwt.decodePayload();
    if (header.get("cty") instanceof StringValue cty && cty.value().equals("JWT")) {
      // A nested token may arrive quoted (as jwt.io writes it); OPA strips the quotes.
      return decode(trimQuotes(payloadText));
    }
    ObjectValue payload = CompactJwt.jsonObject(payloadText);
    byte[] signature;
    try {
      signature = JwtBase64.decode(jwt.signature());
    } catch (IllegalArgumentException e) {
      throw BuiltinException.error("JWT signature had invalid encoding: " + e.getMessage());
    }
    return ArrayValue.of(header, payload, StringValue.of(HexFormat.of().formatHex(signature)));
  }

  private static String trimQuotes(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && (s.charAt(b) == '"' || s.charAt(b) == '\'')) {
      b++;
    }
    while (e > b && (s.charAt(e - 1) == '"' || s.charAt(e - 1) == '\'')) {
      e--;
    }
    return s.substring(b, e);
  }

  /**
   * {@code io.jwt.verify_hsNNN}: the HMAC of the token's first two segments under the secret's
   * UTF-8 bytes, compared in constant time. As in OPA the header is not consulted.
   */
  private static Value verifyHmac(JwsAlgorithm alg, Value[] args) {
    String token = Args.string(args, 0);
    String secret = Args.string(args, 1);
    CompactJwt jwt = CompactJwt.split(token);
    byte[] signature = jwt.decodeSignature();
    return BooleanValue.of(alg.verifyMac(secret.getBytes(StandardCharsets.UTF_8), jwt.signingInput(), signature));
  }

  /**
   * {@code io.jwt.verify_rsNNN} and friends: the key operand is a PEM certificate, a PEM public
   * key, a JWK or a JWK set. A set entry whose {@code kid} matches the header's is the only one
   * tried; otherwise each entry whose {@code alg} (if it has one) equals the header's.
   */
  private static Value verifyAsymmetric(BuiltinContext ctx, JwsAlgorithm alg, Value[] args) {
    CompactJwt jwt = CompactJwt.split(Args.string(args, 0));
    List<JwtKey> keys = JwtKeys.parseVerificationKeys(Args.string(args, 1));
    byte[] signature = jwt.decodeSignature();
    JwtHeader header = JwtHeader.of(jwt.decodeHeader());
    byte[] input = jwt.signingInput();
    if (!header.kid().isEmpty()) {
      for (JwtKey key : keys) {
        if (key.kid().equals(header.kid())) {
          return BooleanValue.of(alg.verify(key.material(), input, signature, false));
        }
      }
    }
    for (JwtKey key : keys) {
      // A large key set costs one signature check per key: let deadlines interrupt it.
      ctx.checkCancelled();
      if (!key.alg().isEmpty() && !key.alg().equals(header.alg())) {
        continue;
      }
      if (alg.verify(key.material(), input, signature, false)) {
        return BooleanValue.TRUE;
      }
    }
    return BooleanValue.FALSE;
  }

  /**
   * {@code io.jwt.decode_verify}: {@code [true, header, payload]} when the signature verifies and
   * every constraint holds, {@code [false, {}, {}]} otherwise. Malformed tokens and bad
   * constraints are errors, not {@code false}.
   */
  static ArrayValue decodeVerify(BuiltinContext ctx, Value[] args) {
    ObjectValue constraintsObj = Args.object(args, 1);
    JwtConstraints constraints = JwtConstraints.parse(constraintsObj, ctx.nowNanos());
    String token = Args.string(args, 0);
    ObjectValue headerObj;
    String payloadText;
    while (true) {
      CompactJwt jwt = CompactJwt.split(token);
      headerObj = jwt.decodeHeader();
      JwtHeader header = JwtHeader.of(headerObj);
      if (!header.valid()) {
        return UNVERIFIED;
      }
      if (!constraints.alg().isEmpty() && !constraints.alg().equals(header.alg())) {
        return UNVERIFIED;
      }
      byte[] signature = jwt.decodeSignature();
      if (!constraints.verify(ctx, header, jwt, signature)) {
        return UNVERIFIED;
      }
      payloadText = jwt.decodePayload();
      if (!header.cty().equalsIgnoreCase("JWT")) {
        break;
      }
      // A nested token must verify under the same constraints.
      token = payloadText;
    }
    ObjectValue payload = CompactJwt.jsonObject(payloadText);
    if (!constraints.claimsValid(payload)) {
      return UNVERIFIED;
    }
    return ArrayValue.of(BooleanValue.TRUE, headerObj, payload);
  }
}
