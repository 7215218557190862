package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The registered JOSE header parameters OPA looks at ({@code alg}, {@code kid}, {@code typ},
 * {@code cty}, {@code crit}) and the names of all others, which matter for {@code crit}.
 */
record JwtHeader(String alg, String kid, String typ, String cty, Set<String> crit, List<String> unknown) {

  /** Reads the parameters; a registered one of the wrong type is an error, as in OPA. */
  static JwtHeader of(ObjectValue header) {
    String alg = "";
    String kid = "";
    String typ = "";
    String cty = "";
    Set<String> crit = Set.of();
    List<String> unknown = new ArrayList<>();
    for (Value k : header.keys()) {
      String name = k instanceof StringValue s ? s.value() : k.toString();
      Value v = header.get(k);
      switch (name) {
        case "alg" -> alg = string(name, v);
        case "kid" -> kid = string(name, v);
        case "typ" -> typ = string(name, v);
        case "cty" -> cty = string(name, v);
        case "crit" -> crit = crit(v);
        default -> unknown.add(name);
      }
    }
    return new JwtHeader(alg, kid, typ, cty, crit, List.copyOf(unknown));
  }

  private static String string(String name, Value v) {
    if (v instanceof StringValue s) {
      return s.value();
    }
    throw BuiltinException.error(name + ": must be a string");
  }

  private static Set<String> crit(Value v) {
    if (!(v instanceof ArrayValue a)) {
      throw BuiltinException.error("crit: must be a list");
    }
    // OPA ignores non-string members here; only an effectively empty list is an error.
    Set<String> names = new HashSet<>();
    for (Value e : a) {
      if (e instanceof StringValue s) {
        names.add(s.value());
      }
    }
    if (names.isEmpty()) {
      throw BuiltinException.error("crit: must be a nonempty list");
    }
    return Set.copyOf(names);
  }

  /**
   * RFC 7515: {@code alg} must be present, and a parameter listed in {@code crit} that we do not
   * understand makes the JWS invalid.
   */
  boolean valid() {
    if (alg.isEmpty()) {
      return false;
    }
    for (String u : unknown) {
      if (crit.contains(u)) {
        return false;
      }
    }
    return true;
  }
}
