package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.Value;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * OPA's {@code walk(x)}: a relation that yields {@code [path, value]} for every node of
 * {@code x}, the root first with path {@code []}, then depth-first in pre-order. Children come in
 * OPA's order: array elements by index, object members by key order, set elements in sorted
 * order (a set element is its own path key).
 *
 * <p>The traversal keeps its own stack, so a deeply nested document cannot overflow the Java
 * stack, and it checks for cancellation as it goes because big documents have many nodes.
 */
public final class WalkBuiltins {
  private WalkBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.register(Builtin.relation("walk", 1, (ctx, a, out) -> walk(ctx, a[0], out)));
  }

  private record Node(Value[] path, Value value) {}

  static void walk(BuiltinContext ctx, Value root, Consumer<Value> out) {
    ArrayDeque<Node> stack = new ArrayDeque<>();
    stack.push(new Node(new Value[0], root));
    int sinceCheck = 0;
    while (!stack.isEmpty()) {
      if (++sinceCheck == 256) {
        sinceCheck = 0;
        ctx.checkCancelled();
      }
      Node n = stack.pop();
      out.accept(ArrayValue.of(ArrayValue.wrap(n.path()), n.value()));
      // Children are pushed last-first so that they pop in order.
      switch (n.value()) {
        case ArrayValue a -> {
          for (int i = a.size() - 1; i >= 0; i--) {
            stack.push(new Node(append(n.path(), NumberValue.of(i)), a.get(i)));
          }
        }
        case ObjectValue o -> {
          Value[] keys = o.keys();
          for (int i = keys.length - 1; i >= 0; i--) {
            stack.push(new Node(append(n.path(), keys[i]), o.get(keys[i])));
          }
        }
        case SetValue s -> {
          Value[] elems = s.sortedElements();
          for (int i = elems.length - 1; i >= 0; i--) {
            stack.push(new Node(append(n.path(), elems[i]), elems[i]));
          }
        }
        default -> { }
      }
    }
  }

  private static Value[] append(Value[] path, Value key) {
    Value[] p = Arrays.copyOf(path, path.length + 1);
    p[path.length] = key;
    return p;
  }
}
