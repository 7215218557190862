package dev.mandate.rego.builtins;

import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.Value;
import java.util.HashSet;
import java.util.Set;

/** {@code intersection} and {@code union} of a set of sets. */
public final class SetBuiltins {
  private SetBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("intersection", 1, (ctx, a) -> {
      SetValue sets = Args.set(a, 0);
      SetValue result = null;
      for (Value member : sets) {
        SetValue s = memberSet(member);
        result = result == null ? s : result.intersect(s);
      }
      return result == null ? SetValue.EMPTY : result;
    });
    r.function("union", 1, (ctx, a) -> {
      SetValue sets = Args.set(a, 0);
      Set<Value> result = new HashSet<>();
      for (Value member : sets) {
        result.addAll(memberSet(member).asSet());
      }
      return SetValue.wrap(result);
    });
  }

  /** Each member must itself be a set; OPA reports a bad member as operand 1 of the wrong type. */
  private static SetValue memberSet(Value member) {
    if (member instanceof SetValue s) {
      return s;
    }
    throw Operands.typeError(0, member, "set");
  }
}
