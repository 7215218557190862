package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import dev.mandate.rego.value.Values;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The constraints object of {@code io.jwt.decode_verify}: which key to trust ({@code cert} or
 * {@code secret}, exactly one), and what the token must say ({@code alg}, {@code iss},
 * {@code aud}) at which time ({@code time}, nanoseconds since the epoch).
 */
final class JwtConstraints {
  private List<JwtKey> keys;
  private String secret = "";
  private String alg = "";
  private String iss = "";
  private String aud = "";
  private double time = -1;

  private JwtConstraints() {}

  /** Reads the constraints; an unknown name or a value of the wrong type is an error. */
  static JwtConstraints parse(ObjectValue constraints, long nowNanos) {
    JwtConstraints c = new JwtConstraints();
    for (Value k : constraints.keys()) {
      Value v = constraints.get(k);
      String name = k instanceof StringValue s ? s.value() : Values.toRego(k);
      switch (name) {
        case "cert" -> {
          if (!(v instanceof StringValue s)) {
            throw BuiltinException.error("cert constraint: must be a string");
          }
          c.keys = JwtKeys.parseVerificationKeys(s.value());
        }
        case "secret" -> c.secret = string(name, v);
        case "alg" -> c.alg = string(name, v);
        case "iss" -> c.iss = string(name, v);
        case "aud" -> c.aud = string(name, v);
        case "time" -> c.time = time(v);
        default -> throw BuiltinException.error("unknown token validation constraint: " + name);
      }
    }
    if (c.time == -1) {
      c.time = time(NumberValue.of(nowNanos));
    }
    if (c.keys != null && !c.secret.isEmpty()) {
      throw BuiltinException.error("duplicate key constraints");
    }
    if (c.keys == null && c.secret.isEmpty()) {
      throw BuiltinException.error("no key constraint");
    }
    return c;
  }

  private static String string(String name, Value v) {
    if (v instanceof StringValue s) {
      return s.value();
    }
    throw BuiltinException.error(name + " constraint: must be a string");
  }

  private static double time(Value v) {
    if (!(v instanceof NumberValue n)) {
      throw BuiltinException.error("token time constraint: must be a number");
    }
    double t = n.doubleValue();
    if (Double.isInfinite(t) || Double.isNaN(t)) {
      throw BuiltinException.error("token time constraint: unvalid float64");
    }
    if (t < 0) {
      throw BuiltinException.error("token time constraint: must not be negative");
    }
    return t;
  }

  /** The {@code alg} constraint, "" when none was given. */
  String alg() {
    return alg;
  }

  /**
   * True when the signature verifies under the trusted key(s), with the algorithm the header
   * names. A key whose {@code kid} matches the header's is the only one tried; otherwise every
   * key whose own {@code alg} (if any) matches the header's.
   */
  boolean verify(BuiltinContext ctx, JwtHeader header, CompactJwt token, byte[] signature) {
    JwsAlgorithm algorithm = JwsAlgorithm.byName(header.alg());
    if (algorithm == null) {
      return false;
    }
    byte[] input = token.signingInput();
    if (keys != null) {
      if (!header.kid().isEmpty()) {
        for (JwtKey key : keys) {
          if (key.kid().equals(header.kid())) {
            return algorithm.verify(key.material(), input, signature, true);
          }
        }
      }
      for (JwtKey key : keys) {
        ctx.checkCancelled();
        if (!key.alg().isEmpty() && !key.alg().equals(header.alg())) {
          continue;
        }
        if (algorithm.verify(key.material(), input, signature, true)) {
          return true;
        }
      }
      return false;
    }
    return algorithm.verifyMac(secret.getBytes(StandardCharsets.UTF_8), input, signature);
  }

  /**
   * Checks the registered claims {@code iss}, {@code aud}, {@code exp} and {@code nbf}. A token
   * carrying an audience is only valid when the {@code aud} constraint names one of its values.
   */
  boolean claimsValid(ObjectValue payload) {
    if (!iss.isEmpty()) {
      if (!(payload.get("iss") instanceof StringValue s) || !s.value().equals(iss)) {
        return false;
      }
    }
    Value tokenAud = payload.get("aud");
    if (tokenAud != null) {
      if (!audienceMatches(tokenAud)) {
        return false;
      }
    } else if (!aud.isEmpty()) {
      return false;
    }
    // Claims are in seconds, the time constraint in nanoseconds.
    NumberValue nowSeconds = NumberValue.of(time / 1_000_000_000d);
    Value exp = payload.get("exp");
    if (exp != null) {
      if (!(exp instanceof NumberValue e)) {
        throw BuiltinException.error("exp value must be a number");
      }
      if (nowSeconds.compareNumber(e) >= 0) {
        return false;
      }
    }
    Value nbf = payload.get("nbf");
    if (nbf != null) {
      if (!(nbf instanceof NumberValue n)) {
        throw BuiltinException.error("nbf value must be a number");
      }
      if (nowSeconds.compareNumber(n) < 0) {
        return false;
      }
    }
    return true;
  }

  private boolean audienceMatches(Value tokenAud) {
    if (tokenAud instanceof StringValue s) {
      return s.value().equals(aud);
    }
    if (tokenAud instanceof ArrayValue a) {
      for (Value e : a) {
        if (e instanceof StringValue s && s.value().equals(aud)) {
          return true;
        }
      }
    }
    return false;
  }
}
