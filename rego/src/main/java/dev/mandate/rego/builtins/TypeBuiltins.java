package dev.mandate.rego.builtins;

import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.util.Locale;
import java.util.Set;

/** The {@code is_*} type tests, {@code type_name} and {@code to_number}. */
public final class TypeBuiltins {
  /** Words Go's float parser would accept but OPA refuses as numbers. */
  private static final Set<String> NON_FINITE = Set.of("inf", "infinity", "nan");

  private TypeBuiltins() {}

  public static void register(BuiltinRegistry r) {
    // Each test answers false for other types rather than being undefined.
    r.register(Builtin.intrinsic("is_number", 1, Intrinsics.IS_NUMBER));
    r.register(Builtin.intrinsic("is_string", 1, Intrinsics.IS_STRING));
    r.register(Builtin.intrinsic("is_boolean", 1, Intrinsics.IS_BOOLEAN));
    r.register(Builtin.intrinsic("is_array", 1, Intrinsics.IS_ARRAY));
    r.register(Builtin.intrinsic("is_set", 1, Intrinsics.IS_SET));
    r.register(Builtin.intrinsic("is_object", 1, Intrinsics.IS_OBJECT));
    r.register(Builtin.intrinsic("is_null", 1, Intrinsics.IS_NULL));
    r.function("type_name", 1, (ctx, a) -> StringValue.of(a[0].typeName()));
    r.function("to_number", 1, (ctx, a) -> toNumber(a[0]));
  }

  private static Value toNumber(Value v) {
    return switch (v) {
      case NullValue n -> NumberValue.ZERO;
      case BooleanValue b -> b.value() ? NumberValue.ONE : NumberValue.ZERO;
      case NumberValue n -> n;
      case StringValue s -> parse(s);
      default -> throw Operands.typeError(0, v, "null", "boolean", "number", "string");
    };
  }

  private static NumberValue parse(StringValue s) {
    String unsigned = s.value().replaceFirst("^[+-]+", "").toLowerCase(Locale.ROOT);
    if (NON_FINITE.contains(unsigned)) {
      throw BuiltinException.type("operand 1 must be valid number string but got string");
    }
    try {
      return NumberValue.of(GoFloatSyntax.parse(s.value()));
    } catch (GoFloatSyntax.ParseError e) {
      throw BuiltinException.error(e.getMessage());
    }
  }
}
