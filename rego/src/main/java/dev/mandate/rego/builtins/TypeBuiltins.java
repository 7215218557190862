package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/** The {@code is_*} type tests, {@code type_name} and {@code to_number}. */
public final class TypeBuiltins {
  /** Words Go's float parser would accept but OPA refuses as numbers. */
  private static final Set<String> NON_FINITE = Set.of("inf", "infinity", "nan");

  private TypeBuiltins() {}

  public static void register(BuiltinRegistry r) {
    // Each test answers false for other types rather than being undefined.
    test(r, "is_number", v -> v instanceof NumberValue);
    test(r, "is_string", v -> v instanceof StringValue);
    test(r, "is_boolean", v -> v instanceof BooleanValue);
    test(r, "is_array", v -> v instanceof ArrayValue);
    test(r, "is_set", v -> v instanceof SetValue);
    test(r, "is_object", v -> v instanceof ObjectValue);
    test(r, "is_null", v -> v instanceof NullValue);
    r.function("type_name", 1, (ctx, a) -> StringValue.of(a[0].typeName()));
    r.function("to_number", 1, (ctx, a) -> toNumber(a[0]));
  }

  private static void test(BuiltinRegistry r, String name, Predicate<Value> holds) {
    r.function(name, 1, (ctx, a) -> BooleanValue.of(holds.test(a[0])));
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
