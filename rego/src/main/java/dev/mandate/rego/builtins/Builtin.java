package dev.mandate.rego.builtins;

import dev.mandate.rego.value.Value;
import java.util.function.Consumer;

/**
 * A built-in function: its name as called from Rego, its number of operands, and its
 * implementation. A built-in either computes one value ({@link Function}) or, for the few that
 * OPA defines as relations ({@code walk}), emits any number of values ({@link Relation}).
 */
public record Builtin(String name, int arity, Function function, Relation relation, boolean variadic,
    int intrinsic) {

  /** A function built-in. Return null for "undefined" (no value, no error). */
  @FunctionalInterface
  public interface Function {
    Value call(BuiltinContext ctx, Value[] args);
  }

  /** A relation built-in: emits each of its results. */
  @FunctionalInterface
  public interface Relation {
    void call(BuiltinContext ctx, Value[] args, Consumer<Value> out);
  }

  public static Builtin function(String name, int arity, Function fn) {
    return new Builtin(name, arity, fn, null, false, Intrinsics.NONE);
  }

  /** A built-in implemented by {@link Intrinsics#call} under the number {@code op}. */
  static Builtin intrinsic(String name, int arity, int op) {
    Function fn = switch (arity) {
      case 1 -> (ctx, a) -> Intrinsics.call(op, a[0], null, null);
      case 2 -> (ctx, a) -> Intrinsics.call(op, a[0], a[1], null);
      case 3 -> (ctx, a) -> Intrinsics.call(op, a[0], a[1], a[2]);
      default -> throw new IllegalArgumentException("intrinsics take 1 to 3 operands");
    };
    return new Builtin(name, arity, fn, null, false, op);
  }

  public static Builtin relation(String name, int arity, Relation rel) {
    return new Builtin(name, arity, null, rel, false, Intrinsics.NONE);
  }

  /** A built-in taking any number of operands ({@code print}); {@code arity} is ignored. */
  public static Builtin variadic(String name, Function fn) {
    return new Builtin(name, -1, fn, null, true, Intrinsics.NONE);
  }

  public boolean isRelation() {
    return relation != null;
  }
}
