package dev.mandate.rego.compiler;

import dev.mandate.rego.plan.PExpr;
import dev.mandate.rego.plan.PTerm;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Which variables a compiled term needs bound before it can be evaluated, and which it can bind.
 * The basis of safety checking and body reordering.
 *
 * <ul>
 *   <li>value needs: variables that must be bound to compute the term's value. Variables in
 *       reference path positions are not needed: the reference iterates and binds them.
 *   <li>ref outputs: variables a reference binds by iterating.
 *   <li>pattern vars / needs: what unifying the term (as a pattern) with a value binds, and what
 *       must be bound beforehand (object keys, set elements, nested calls).
 * </ul>
 */
final class VarAnalysis {
  /** Free variables of comprehensions and every-bodies: the outer slots they read. */
  private final Map<Object, BitSet> closures = new IdentityHashMap<>();

  void setClosure(Object bodyOwner, BitSet slots) {
    closures.put(bodyOwner, slots);
  }

  BitSet closure(Object bodyOwner) {
    BitSet b = closures.get(bodyOwner);
    return b == null ? new BitSet() : b;
  }

  BitSet valueNeeds(PTerm t) {
    BitSet out = new BitSet();
    valueNeeds(t, out);
    return out;
  }

  void valueNeeds(PTerm t, BitSet out) {
    switch (t) {
      case PTerm.Const c -> {}
      case PTerm.Local l -> out.set(l.slot());
      case PTerm.Ref r -> {
        if (r.head() != null) {
          valueNeeds(r.head(), out);
        }
        for (PTerm p : r.path()) {
          pathNeeds(p, out);
        }
      }
      case PTerm.ArrayLit a -> {
        for (PTerm i : a.items()) {
          valueNeeds(i, out);
        }
      }
      case PTerm.SetLit s -> {
        for (PTerm i : s.items()) {
          valueNeeds(i, out);
        }
      }
      case PTerm.ObjectLit o -> {
        for (PTerm k : o.keys()) {
          valueNeeds(k, out);
        }
        for (PTerm v : o.values()) {
          valueNeeds(v, out);
        }
      }
      case PTerm.ArrayCompr c -> out.or(closure(c));
      case PTerm.SetCompr c -> out.or(closure(c));
      case PTerm.ObjectCompr c -> out.or(closure(c));
      case PTerm.Call c -> {
        for (PTerm a : c.args()) {
          valueNeeds(a, out);
        }
      }
    }
  }

  /** A path segment: variables and patterns are bound by iteration; anything else is needed. */
  private void pathNeeds(PTerm p, BitSet out) {
    switch (p) {
      case PTerm.Local l -> {}
      case PTerm.Const c -> {}
      case PTerm.ArrayLit a -> out.or(patternNeeds(a));
      case PTerm.ObjectLit o -> out.or(patternNeeds(o));
      default -> valueNeeds(p, out);
    }
  }

  BitSet refOutputs(PTerm t) {
    BitSet out = new BitSet();
    refOutputs(t, out);
    return out;
  }

  private void refOutputs(PTerm t, BitSet out) {
    switch (t) {
      case PTerm.Ref r -> {
        if (r.head() != null) {
          refOutputs(r.head(), out);
        }
        for (PTerm p : r.path()) {
          switch (p) {
            case PTerm.Local l -> out.set(l.slot());
            case PTerm.ArrayLit a -> out.or(patternVars(a));
            case PTerm.ObjectLit o -> out.or(patternVars(o));
            default -> refOutputs(p, out);
          }
        }
      }
      case PTerm.ArrayLit a -> {
        for (PTerm i : a.items()) {
          refOutputs(i, out);
        }
      }
      case PTerm.SetLit s -> {
        for (PTerm i : s.items()) {
          refOutputs(i, out);
        }
      }
      case PTerm.ObjectLit o -> {
        for (PTerm k : o.keys()) {
          refOutputs(k, out);
        }
        for (PTerm v : o.values()) {
          refOutputs(v, out);
        }
      }
      case PTerm.Call c -> {
        for (PTerm a : c.args()) {
          refOutputs(a, out);
        }
      }
      default -> {}
    }
  }

  /** Variables that unifying {@code t} as a pattern binds. */
  BitSet patternVars(PTerm t) {
    BitSet out = new BitSet();
    switch (t) {
      case PTerm.Local l -> out.set(l.slot());
      case PTerm.ArrayLit a -> {
        for (PTerm i : a.items()) {
          out.or(patternVars(i));
        }
      }
      case PTerm.ObjectLit o -> {
        for (PTerm v : o.values()) {
          out.or(patternVars(v));
        }
        for (PTerm k : o.keys()) {
          out.or(refOutputs(k));
        }
      }
      default -> out.or(refOutputs(t));
    }
    return out;
  }

  /** Variables that must be bound before {@code t} can be unified as a pattern. */
  BitSet patternNeeds(PTerm t) {
    BitSet out = new BitSet();
    switch (t) {
      case PTerm.Local l -> {}
      case PTerm.Const c -> {}
      case PTerm.ArrayLit a -> {
        for (PTerm i : a.items()) {
          out.or(patternNeeds(i));
        }
      }
      case PTerm.ObjectLit o -> {
        for (PTerm k : o.keys()) {
          valueNeeds(k, out);
        }
        for (PTerm v : o.values()) {
          out.or(patternNeeds(v));
        }
      }
      default -> valueNeeds(t, out);
    }
    return out;
  }

  /** All variables occurring in the term, except inside comprehension bodies (closures count). */
  BitSet allVars(PTerm t) {
    BitSet out = valueNeeds(t);
    out.or(refOutputs(t));
    out.or(patternVars(t));
    return out;
  }

  /**
   * The variables unifying {@code a} with {@code b} binds, given {@code bound}; null when
   * neither side can be evaluated yet.
   */
  BitSet unifyOutputs(PTerm a, PTerm b, BitSet bound) {
    BitSet r = oneWay(a, b, bound);
    if (r != null) {
      return r;
    }
    r = oneWay(b, a, bound);
    if (r != null) {
      return r;
    }
    if (a instanceof PTerm.ArrayLit x && b instanceof PTerm.ArrayLit y && x.items().length == y.items().length) {
      return pairwise(x.items(), y.items(), bound);
    }
    if (a instanceof PTerm.ObjectLit x && b instanceof PTerm.ObjectLit y && x.keys().length == y.keys().length) {
      // Pair values by constant key; non-constant keys cannot be matched statically.
      PTerm[] left = new PTerm[x.keys().length];
      PTerm[] right = new PTerm[x.keys().length];
      for (int i = 0; i < x.keys().length; i++) {
        if (!(x.keys()[i] instanceof PTerm.Const kx)) {
          return null;
        }
        left[i] = x.values()[i];
        right[i] = null;
        for (int j = 0; j < y.keys().length; j++) {
          if (y.keys()[j] instanceof PTerm.Const ky && ky.value().equals(kx.value())) {
            right[i] = y.values()[j];
          }
        }
        if (right[i] == null) {
          return new BitSet(); // keys differ: the unification simply fails at run time
        }
      }
      return pairwise(left, right, bound);
    }
    return null;
  }

  /** Evaluate {@code value}, then unify {@code pattern} with it. */
  private BitSet oneWay(PTerm pattern, PTerm value, BitSet bound) {
    BitSet needs = valueNeeds(value);
    needs.or(patternNeeds(pattern));
    if (!subset(needs, bound)) {
      return null;
    }
    BitSet out = refOutputs(value);
    out.or(patternVars(pattern));
    return out;
  }

  private BitSet pairwise(PTerm[] a, PTerm[] b, BitSet bound) {
    BitSet cur = (BitSet) bound.clone();
    boolean[] done = new boolean[a.length];
    int remaining = a.length;
    boolean progress = true;
    while (remaining > 0 && progress) {
      progress = false;
      for (int i = 0; i < a.length; i++) {
        if (done[i]) {
          continue;
        }
        BitSet o = unifyOutputs(a[i], b[i], cur);
        if (o != null) {
          cur.or(o);
          done[i] = true;
          remaining--;
          progress = true;
        }
      }
    }
    if (remaining > 0) {
      return null;
    }
    cur.andNot(bound);
    return cur;
  }

  /** Needs and outputs of one expression node, with {@code bound} vars already bound; null if not yet evaluable. */
  BitSet exprOutputs(PExpr.Node node, BitSet bound) {
    return switch (node) {
      case PExpr.TermNode t -> subset(valueNeeds(t.term()), bound) ? refOutputs(t.term()) : null;
      case PExpr.UnifyNode u -> unifyOutputs(u.left(), u.right(), bound);
      case PExpr.SomeInNode s -> {
        BitSet needs = valueNeeds(s.collection());
        if (s.key() != null) {
          needs.or(patternNeeds(s.key()));
        }
        needs.or(patternNeeds(s.value()));
        if (!subset(needs, bound)) {
          yield null;
        }
        BitSet out = refOutputs(s.collection());
        if (s.key() != null) {
          out.or(patternVars(s.key()));
        }
        out.or(patternVars(s.value()));
        yield out;
      }
      case PExpr.EveryNode e -> {
        BitSet needs = valueNeeds(e.domain());
        needs.or(closure(e));
        yield subset(needs, bound) ? refOutputs(e.domain()) : null;
      }
    };
  }

  /** Every variable of an expression node: for negation and for error reporting. */
  BitSet nodeVars(PExpr.Node node) {
    BitSet out = new BitSet();
    switch (node) {
      case PExpr.TermNode t -> out.or(allVars(t.term()));
      case PExpr.UnifyNode u -> {
        out.or(allVars(u.left()));
        out.or(allVars(u.right()));
      }
      case PExpr.SomeInNode s -> {
        if (s.key() != null) {
          out.or(allVars(s.key()));
        }
        out.or(allVars(s.value()));
        out.or(allVars(s.collection()));
      }
      case PExpr.EveryNode e -> {
        out.or(allVars(e.domain()));
        out.or(closure(e));
      }
    }
    return out;
  }

  static boolean subset(BitSet a, BitSet b) {
    BitSet c = (BitSet) a.clone();
    c.andNot(b);
    return c.isEmpty();
  }
}
