package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import dev.mandate.rego.value.Values;

/**
 * The few built-ins that policies call most (comparisons, membership, type tests, {@code count},
 * {@code object.get}), numbered so that the evaluator can call them by their number with operands
 * it holds in locals. Called through {@link Builtin.Function}, every built-in shares one call
 * site that sees hundreds of implementations, and needs an operand array; these, a few hundred
 * calls in a typical decision, need neither.
 *
 * <p>This is the only implementation of these built-ins: their {@link Builtin.Function} (see
 * {@link Builtin#intrinsic}) calls {@link #call} too, so the two ways of calling cannot differ.
 */
public final class Intrinsics {
  /** Not an intrinsic: called through its {@link Builtin.Function}. */
  public static final int NONE = 0;

  static final int EQUAL = 1;
  static final int NEQ = 2;
  static final int LT = 3;
  static final int LTE = 4;
  static final int GT = 5;
  static final int GTE = 6;
  static final int MEMBER = 7;
  static final int IS_NUMBER = 8;
  static final int IS_STRING = 9;
  static final int IS_BOOLEAN = 10;
  static final int IS_ARRAY = 11;
  static final int IS_SET = 12;
  static final int IS_OBJECT = 13;
  static final int IS_NULL = 14;
  static final int COUNT = 15;
  static final int OBJECT_GET = 16;

  private Intrinsics() {}

  /**
   * Intrinsic {@code op} on its operands ({@code b} and {@code c} are null past its arity): its
   * value, or null when undefined. Throws {@link BuiltinException} as the built-in does.
   */
  public static Value call(int op, Value a, Value b, Value c) {
    return switch (op) {
      case EQUAL -> BooleanValue.of(a.equals(b));
      case NEQ -> BooleanValue.of(!a.equals(b));
      case LT -> BooleanValue.of(Values.compare(a, b) < 0);
      case LTE -> BooleanValue.of(Values.compare(a, b) <= 0);
      case GT -> BooleanValue.of(Values.compare(a, b) > 0);
      case GTE -> BooleanValue.of(Values.compare(a, b) >= 0);
      case MEMBER -> BooleanValue.of(OperatorBuiltins.member(a, b));
      case IS_NUMBER -> BooleanValue.of(a instanceof NumberValue);
      case IS_STRING -> BooleanValue.of(a instanceof StringValue);
      case IS_BOOLEAN -> BooleanValue.of(a instanceof BooleanValue);
      case IS_ARRAY -> BooleanValue.of(a instanceof ArrayValue);
      case IS_SET -> BooleanValue.of(a instanceof SetValue);
      case IS_OBJECT -> BooleanValue.of(a instanceof ObjectValue);
      case IS_NULL -> BooleanValue.of(a instanceof NullValue);
      case COUNT -> AggregateBuiltins.count(a);
      case OBJECT_GET -> ObjectBuiltins.get(a, b, c);
      default -> throw new IllegalArgumentException("no intrinsic " + op);
    };
  }
}
