package dev.mandate.rego.builtins;

import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;

/**
 * OPA's {@code json.marshal}, {@code json.marshal_with_options}, {@code json.unmarshal} and
 * {@code json.is_valid}. Output is byte-for-byte what Go's {@code encoding/json} writes (see
 * {@link GoJson}); input is read with Go's grammar, limits and messages (see
 * {@link GoJsonDecoder}). {@code json.filter}, {@code json.remove} and {@code json.patch}
 * belong to the object family.
 */
public final class JsonBuiltins {
  private JsonBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("json.marshal", 1, (ctx, a) -> StringValue.of(GoJson.marshal(a[0])));
    r.function("json.marshal_with_options", 2, (ctx, a) -> marshalWithOptions(a));
    r.function("json.unmarshal", 1, (ctx, a) -> unmarshal(Args.string(a, 0)));
    // As in OPA, a non-string operand is not valid JSON text rather than a type error.
    r.function("json.is_valid", 1, (ctx, a) ->
        BooleanValue.of(a[0] instanceof StringValue s && GoJsonDecoder.valid(s.value())));
  }

  static Value unmarshal(String text) {
    try {
      return GoJsonDecoder.unmarshal(text);
    } catch (GoJsonDecoder.JsonSyntaxException e) {
      throw BuiltinException.error(e.getMessage());
    }
  }

  /**
   * Options: {@code pretty} (boolean), {@code indent} (default a tab) and {@code prefix}
   * (default empty). Giving indent or prefix implies pretty output unless {@code pretty} says
   * otherwise. OPA puts the prefix in front of the first line too, which Go's
   * {@code MarshalIndent} leaves out.
   */
  private static Value marshalWithOptions(Value[] a) {
    ObjectValue opts = Args.object(a, 1);
    String indent = "\t";
    String prefix = "";
    boolean implied = false;
    Boolean explicit = null;
    Value[] keys = opts.keys();
    for (int idx = 0; idx < keys.length; idx++) {
      Value k = keys[idx];
      Value v = opts.get(k);
      if (!(k instanceof StringValue ks)) {
        throw BuiltinException.type("operand 2 failed to stringify key " + dev.mandate.rego.value.Values.toRego(k)
            + " at index " + idx + ": operand " + idx + " must be string but got " + k.typeName());
      }
      switch (ks.value()) {
        case "prefix" -> {
          prefix = optionString(ks.value(), v, idx);
          implied = true;
        }
        case "indent" -> {
          indent = optionString(ks.value(), v, idx);
          implied = true;
        }
        case "pretty" -> {
          if (!(v instanceof BooleanValue b)) {
            throw BuiltinException.type("operand 2 key pretty failed cast to bool");
          }
          explicit = b.value();
        }
        default -> throw BuiltinException.type(
            "operand 2 object contained unknown key " + GoUrlQuery.goQuote(ks.value()));
      }
    }
    boolean pretty = explicit != null ? explicit : implied;
    if (!pretty) {
      return StringValue.of(GoJson.marshal(a[0]));
    }
    return StringValue.of(prefix + GoJson.marshalIndent(a[0], prefix, indent));
  }

  /** OPA numbers the failing operand by the option's index, an oddity kept for fidelity. */
  private static String optionString(String key, Value v, int idx) {
    if (v instanceof StringValue s) {
      return s.value();
    }
    throw BuiltinException.type("operand 2 key " + key + " failed cast to string: operand " + idx
        + " must be string but got " + v.typeName());
  }
}
