package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * OPA's {@code graph.reachable} and {@code graph.reachable_paths}. A graph is an object from
 * node to its neighbours (an array or a set); a node that is not a key of the graph is not part
 * of it, and a node whose neighbours are neither array nor set has none.
 */
public final class GraphBuiltins {
  private GraphBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("graph.reachable", 2, (ctx, a) -> reachable(ctx, Args.object(a, 0), initial(a)));
    r.function("graph.reachable_paths", 2, (ctx, a) -> reachablePaths(ctx, Args.object(a, 0), initial(a)));
  }

  private static Value[] initial(Value[] a) {
    return switch (a[1]) {
      case ArrayValue arr -> arr.toArray();
      case SetValue s -> s.sortedElements();
      default -> throw Args.mismatch(1, "one of {array, set}", a[1]);
    };
  }

  private static Value[] neighbours(Value edges) {
    return switch (edges) {
      case ArrayValue arr -> arr.toArray();
      case SetValue s -> s.sortedElements();
      default -> new Value[0];
    };
  }

  /** Breadth-first from the initial nodes; only nodes that are keys of the graph are reached. */
  static Value reachable(BuiltinContext ctx, ObjectValue graph, Value[] initial) {
    Set<Value> reached = new HashSet<>();
    Set<Value> queued = new HashSet<>();
    ArrayDeque<Value> queue = new ArrayDeque<>();
    for (Value v : initial) {
      if (queued.add(v)) {
        queue.add(v);
      }
    }
    while (!queue.isEmpty()) {
      ctx.checkCancelled();
      Value node = queue.poll();
      Value edges = graph.get(node);
      if (edges == null) {
        continue;
      }
      reached.add(node);
      for (Value n : neighbours(edges)) {
        if (queued.add(n)) {
          queue.add(n);
        }
      }
    }
    return SetValue.wrap(reached);
  }

  /**
   * Every path from an initial node that ends at a node without neighbours, at a node outside
   * the graph (which is left off the path), or just before a node already on the path (a
   * cycle). An initial node without neighbours is a path of its own. As in OPA, the first step
   * from an initial node is taken even when it leads back to that node, so a self-loop on an
   * initial node gives {@code [n, n]}.
   */
  static Value reachablePaths(BuiltinContext ctx, ObjectValue graph, Value[] initial) {
    Set<Value> result = new HashSet<>();
    for (Value start : initial) {
      Value edges = graph.get(start);
      if (edges == null) {
        continue;
      }
      Value[] next = neighbours(edges);
      if (next.length == 0) {
        result.add(ArrayValue.of(start));
        continue;
      }
      for (Value first : next) {
        new PathSearch(ctx, graph, result, start).run(first);
      }
    }
    return SetValue.wrap(result);
  }

  /** A depth-first search with its own stack, so long paths cannot overflow the Java stack. */
  private static final class PathSearch {
    private final BuiltinContext ctx;
    private final ObjectValue graph;
    private final Set<Value> result;
    private final List<Value> path = new ArrayList<>();
    private final Set<Value> onPath = new HashSet<>();
    private final ArrayDeque<Iterator<Value>> pending = new ArrayDeque<>();

    PathSearch(BuiltinContext ctx, ObjectValue graph, Set<Value> result, Value start) {
      this.ctx = ctx;
      this.graph = graph;
      this.result = result;
      path.add(start);
      onPath.add(start);
    }

    void run(Value first) {
      enter(first);
      while (!pending.isEmpty()) {
        ctx.checkCancelled();
        Iterator<Value> it = pending.peek();
        if (!it.hasNext()) {
          pending.pop();
          Value left = path.remove(path.size() - 1);
          // Only the start node can be on the path twice (entered again as the first step).
          if (path.isEmpty() || !path.get(0).equals(left)) {
            onPath.remove(left);
          }
          continue;
        }
        Value n = it.next();
        if (onPath.contains(n)) {
          commit();
        } else {
          enter(n);
        }
      }
    }

    private void enter(Value node) {
      Value edges = graph.get(node);
      if (edges == null) {
        commit();
        return;
      }
      Value[] next = neighbours(edges);
      if (next.length == 0) {
        path.add(node);
        commit();
        path.remove(path.size() - 1);
        return;
      }
      path.add(node);
      onPath.add(node);
      pending.push(List.of(next).iterator());
    }

    private void commit() {
      result.add(ArrayValue.of(path));
    }
  }
}
