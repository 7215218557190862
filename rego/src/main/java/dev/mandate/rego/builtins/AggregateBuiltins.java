package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import dev.mandate.rego.value.Values;
import java.util.Arrays;
import java.util.function.BinaryOperator;

/** {@code count}, {@code sum}, {@code product}, {@code max}, {@code min} and {@code sort}. */
public final class AggregateBuiltins {
  private AggregateBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.register(Builtin.intrinsic("count", 1, Intrinsics.COUNT));
    r.function("sum", 1, (ctx, a) -> fold(a, NumberValue.ZERO, NumberValue::add));
    r.function("product", 1, (ctx, a) -> fold(a, NumberValue.ONE, NumberValue::multiply));
    r.function("max", 1, (ctx, a) -> extreme(a, 1));
    r.function("min", 1, (ctx, a) -> extreme(a, -1));
    r.function("sort", 1, (ctx, a) -> {
      Value[] elements = elements(a);
      Arrays.sort(elements, Values::compare);
      return ArrayValue.wrap(elements);
    });
  }

  static Value count(Value a) {
    return switch (a) {
      case ArrayValue arr -> NumberValue.of(arr.size());
      case ObjectValue o -> NumberValue.of(o.size());
      case SetValue s -> NumberValue.of(s.size());
      // Code points, as Go counts runes; not UTF-16 units.
      case StringValue s -> NumberValue.of(s.value().codePointCount(0, s.value().length()));
      default -> throw Operands.typeError(0, a, "array", "object", "set", "string");
    };
  }

  /** Exact sum or product; every element must be a number. */
  private static Value fold(Value[] a, NumberValue identity, BinaryOperator<NumberValue> op) {
    Value[] elements = elements(a);
    NumberValue acc = identity;
    for (Value e : elements) {
      if (!(e instanceof NumberValue n)) {
        throw Operands.elementError(0, a[0], e, "number");
      }
      acc = op.apply(acc, n);
    }
    return acc;
  }

  /** The largest ({@code sign} 1) or smallest (-1) element in OPA's total order; undefined when empty. */
  private static Value extreme(Value[] a, int sign) {
    Value[] elements = elements(a);
    if (elements.length == 0) {
      return null;
    }
    Value best = elements[0];
    for (int i = 1; i < elements.length; i++) {
      if (Integer.signum(Values.compare(elements[i], best)) == sign) {
        best = elements[i];
      }
    }
    return best;
  }

  /** The elements of an array (in order) or a set (in OPA's order); a copy the caller may keep. */
  private static Value[] elements(Value[] a) {
    return switch (a[0]) {
      case ArrayValue arr -> arr.toArray();
      case SetValue s -> s.sortedElements().clone();
      default -> throw Operands.typeError(0, a[0], "set", "array");
    };
  }
}
