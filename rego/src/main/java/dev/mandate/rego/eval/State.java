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
  /**
   * Values of whole rule nodes, by {@code DocNode.memoSlot}. Sized for the slots an evaluation
   * of the query used before and grown on demand, up to {@link #memoSlots}: a policy's test
   * rules and other packages would otherwise make every decision allocate and clear slots it
   * never touches.
   */
  private Value[] nodeMemo;
  /** Slots in the whole policy: the most the memo can need. */
  final int memoSlots;
  /** Partial lookups ({@code p[k]}) and anything else keyed by more than a node. */
  final Map<Object, Value> memo = new HashMap<>();

  /** {@code initialSlots}: the memo's starting length, at most {@code memoSlots}. */
  State(Value input, Overlay overlay, Map<String, Mock> mocks, int initialSlots, int memoSlots) {
    this.input = input;
    this.overlay = overlay;
    this.mocks = mocks;
    this.noMocks = mocks.isEmpty();
    this.memoSlots = memoSlots;
    this.nodeMemo = new Value[Math.min(initialSlots, memoSlots)];
  }

  /** The remembered value of the node with this slot, or null. */
  Value memo(int slot) {
    Value[] m = nodeMemo;
    return slot < m.length ? m[slot] : null;
  }

  void memo(int slot, Value v) {
    if (slot >= nodeMemo.length) {
      nodeMemo = java.util.Arrays.copyOf(nodeMemo,
          Math.min(memoSlots, Math.max(slot + 1, nodeMemo.length * 2)));
    }
    nodeMemo[slot] = v;
  }

  /**
   * The memo's current length: where a state derived from this one starts, and what the next
   * evaluation of the query starts with.
   */
  int memoLength() {
    return nodeMemo.length;
  }

  /** A replacement for a function or built-in: another function, or a constant value. */
  record Mock(PTerm.Call function, Value value) {}
}
