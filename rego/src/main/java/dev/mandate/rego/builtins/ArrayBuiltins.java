package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.Value;

/** {@code array.concat}, {@code array.slice} and {@code array.reverse}. */
public final class ArrayBuiltins {
  private ArrayBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("array.concat", 2, (ctx, a) -> Args.array(a, 0).concat(Args.array(a, 1)));
    r.function("array.slice", 3, (ctx, a) -> slice(a));
    r.function("array.reverse", 1, (ctx, a) -> {
      ArrayValue arr = Args.array(a, 0);
      int n = arr.size();
      Value[] out = new Value[n];
      for (int i = 0; i < n; i++) {
        out[i] = arr.get(n - 1 - i);
      }
      return ArrayValue.wrap(out);
    });
  }

  /**
   * Elements from the start index (inclusive) to the stop index (exclusive). Out-of-range
   * indexes are clamped rather than refused: negative ones to 0, a stop past the end to the
   * length, and a start past the stop to the stop, which gives an empty array.
   */
  private static Value slice(Value[] a) {
    ArrayValue arr = Args.array(a, 0);
    long start = Operands.longOperand(a, 1);
    long stop = Operands.longOperand(a, 2);
    stop = Math.max(0, Math.min(stop, arr.size()));
    start = Math.max(0, Math.min(start, stop));
    return arr.slice((int) start, (int) stop);
  }
}
