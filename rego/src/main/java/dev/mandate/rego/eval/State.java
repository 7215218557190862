package dev.mandate.rego.eval;

import dev.mandate.rego.plan.PTerm;
import dev.mandate.rego.value.Value;
import java.util.HashMap;
import java.util.Map;

/**
 * The documents an expression sees: input, the data overlay and function mocks that
 * {@code with} installed, and the memo of rule values valid for exactly these documents. A
 * {@code with} modifier evaluates its expression in a new state with a fresh memo.
 */
final class State {
  final Value input;
  final Overlay overlay;
  final Map<String, Mock> mocks;
  /** {@code mocks.isEmpty()}, read on every term the evaluator checks, without a map call. */
  final boolean noMocks;
  /** Values of whole rule nodes, by {@code DocNode.memoSlot}. */
  final Value[] nodeMemo;
  /** Partial lookups ({@code p[k]}) and anything else keyed by more than a node. */
  final Map<Object, Value> memo = new HashMap<>();

  State(Value input, Overlay overlay, Map<String, Mock> mocks, int memoSlots) {
    this.input = input;
    this.overlay = overlay;
    this.mocks = mocks;
    this.noMocks = mocks.isEmpty();
    this.nodeMemo = new Value[memoSlots];
  }

  /** A replacement for a function or built-in: another function, or a constant value. */
  record Mock(PTerm.Call function, Value value) {}
}
