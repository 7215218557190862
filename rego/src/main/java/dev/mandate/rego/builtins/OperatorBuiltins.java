package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.Value;

/**
 * Rego's infix operators, registered under the internal names OPA's compiler rewrites them to
 * ({@code x + y} becomes {@code plus(x, y)}, {@code x in xs} becomes {@code internal.member_2}).
 */
public final class OperatorBuiltins {
  private OperatorBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.register(Builtin.intrinsic("equal", 2, Intrinsics.EQUAL));
    r.register(Builtin.intrinsic("neq", 2, Intrinsics.NEQ));
    r.register(Builtin.intrinsic("lt", 2, Intrinsics.LT));
    r.register(Builtin.intrinsic("lte", 2, Intrinsics.LTE));
    r.register(Builtin.intrinsic("gt", 2, Intrinsics.GT));
    r.register(Builtin.intrinsic("gte", 2, Intrinsics.GTE));

    r.function("plus", 2, (ctx, a) -> Args.number(a, 0).add(Args.number(a, 1)));
    r.function("minus", 2, (ctx, a) -> minus(a));
    r.function("mul", 2, (ctx, a) -> Args.number(a, 0).multiply(Args.number(a, 1)));
    r.function("div", 2, (ctx, a) -> divide(Args.number(a, 0), Args.number(a, 1)));
    r.function("rem", 2, (ctx, a) -> remainder(Args.number(a, 0), Args.number(a, 1)));

    r.function("and", 2, (ctx, a) -> Args.set(a, 0).intersect(Args.set(a, 1)));
    r.function("or", 2, (ctx, a) -> Args.set(a, 0).union(Args.set(a, 1)));

    r.register(Builtin.intrinsic("internal.member_2", 2, Intrinsics.MEMBER));
    r.function("internal.member_3", 3, (ctx, a) -> BooleanValue.of(memberWithKey(a[0], a[1], a[2])));
  }

  /** Number subtraction, or set difference when both operands are sets. */
  private static Value minus(Value[] a) {
    if (a[0] instanceof NumberValue x && a[1] instanceof NumberValue y) {
      return x.subtract(y);
    }
    if (a[0] instanceof SetValue x && a[1] instanceof SetValue y) {
      return x.minus(y);
    }
    if (!(a[0] instanceof NumberValue) && !(a[0] instanceof SetValue)) {
      throw Operands.typeError(0, a[0], "number", "set");
    }
    // The first operand decides what the second must be.
    throw Operands.typeError(1, a[1], a[0] instanceof SetValue ? "set" : "number");
  }

  static NumberValue divide(NumberValue x, NumberValue y) {
    if (y.signum() == 0) {
      throw BuiltinException.error("divide by zero");
    }
    return x.divide(y);
  }

  /** Remainder with the sign of the dividend (Go's {@code %}); defined on integers only. */
  static NumberValue remainder(NumberValue x, NumberValue y) {
    if (!x.isInteger() || !y.isInteger()) {
      throw BuiltinException.error("modulo on floating-point number");
    }
    if (y.signum() == 0) {
      throw BuiltinException.error("modulo by zero");
    }
    if (x.isLong() && y.isLong()) {
      // Long.MIN_VALUE % -1 is 0 in Java, as it is mathematically: no overflow to guard.
      return NumberValue.of(x.longValue() % y.longValue());
    }
    return NumberValue.of(x.toBigInteger().remainder(y.toBigInteger()));
  }

  /** {@code x in coll}: array elements, set members, object values; anything else holds nothing. */
  static boolean member(Value x, Value coll) {
    return switch (coll) {
      case SetValue s -> s.contains(x);
      case ArrayValue arr -> arr.contains(x);
      case ObjectValue o -> o.containsValue(x);
      default -> false;
    };
  }

  /** {@code k, v in coll}: array index and element, object key and value, set member twice. */
  static boolean memberWithKey(Value key, Value value, Value coll) {
    return switch (coll) {
      case SetValue s -> s.contains(key) && key.equals(value);
      case ArrayValue arr -> {
        if (key instanceof NumberValue n && n.isLong()) {
          long i = n.longValue();
          yield i >= 0 && i < arr.size() && arr.get((int) i).equals(value);
        }
        yield false;
      }
      case ObjectValue o -> value.equals(o.get(key));
      default -> false;
    };
  }
}
