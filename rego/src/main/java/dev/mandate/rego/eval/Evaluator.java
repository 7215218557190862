package dev.mandate.rego.eval;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.ast.Location;
import dev.mandate.rego.builtins.Builtin;
import dev.mandate.rego.builtins.BuiltinException;
import dev.mandate.rego.builtins.Intrinsics;
import dev.mandate.rego.plan.DataPrefix;
import dev.mandate.rego.plan.DocNode;
import dev.mandate.rego.plan.PBody;
import dev.mandate.rego.plan.PExpr;
import dev.mandate.rego.plan.PRule;
import dev.mandate.rego.plan.PTerm;
import dev.mandate.rego.plan.RuleIndex;
import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Top-down evaluation with backtracking, in continuation-passing style: every construct that
 * can succeed several times calls its continuation once per success, binding variables in the
 * frame before the call and unbinding them after. A continuation returns true to stop the
 * search (the first solution of a negation, of an {@code every} body, of a constant rule).
 *
 * <p>One evaluator serves one query evaluation; it is not shared between threads.
 */
public final class Evaluator {
  /** Marks "evaluated, and undefined" in memo tables. */
  private static final Value UNDEFINED =
      SetValue.of(dev.mandate.rego.value.StringValue.of("\u0000undefined")); // compared by identity

  @FunctionalInterface
  interface Cont {
    boolean run();
  }

  @FunctionalInterface
  interface VCont {
    boolean accept(Value v);
  }

  private static final Value[] NO_LOCALS = new Value[0];

  /** A rule body's frame; the many bodies without variables share one empty frame. */
  private static Value[] newFrame(int size) {
    return size == 0 ? NO_LOCALS : new Value[size];
  }

  private final DocNode root;
  private final ObjectValue data;
  private final QueryRun run;

  Evaluator(DocNode root, ObjectValue data, QueryRun run) {
    this.root = root;
    this.data = data;
    this.run = run;
  }

  // ================================================================ bodies and expressions

  /**
   * Evaluates body[i..] and then {@code k}. Expressions that can succeed at most once (most of
   * them) run in this loop without a continuation; their bindings go on the trail and are undone
   * when the loop returns. Only an expression that can enumerate (an iteration, a relation, an
   * unbound reference segment) gets a continuation for the rest of the body.
   */
  boolean evalBody(PBody body, int i, Value[] f, State st, Cont k) {
    PExpr[] exprs = body.exprs();
    int mark = trailTop;
    try {
      for (; i < exprs.length; i++) {
        PExpr e = exprs[i];
        run.step();
        if (run.coverage != null) {
          run.coverage.hit(e.location());
        }
        State est = st;
        if (e.withs().length > 0) {
          est = applyWiths(e, f, st);
          if (est == null) {
            return false;
          }
        }
        if (e.negated()) {
          int exprMark = trailTop;
          int r = directNode(e.node(), f, est);
          boolean found = r == SEARCH ? evalNode(e.node(), f, est, STOP) : r == PASS;
          undo(exprMark);
          if (found) {
            return false;
          }
          continue;
        }
        int r = directNode(e.node(), f, est);
        if (r == FAIL) {
          return false;
        }
        if (r == SEARCH) {
          int next = i + 1;
          // Last in the body (a comprehension's `some x in xs`, say): each solution goes straight
          // to k, as the rest of an empty body would. Every continuation leaves the trail as it
          // found it, so nothing is left for a nested loop's undo to take back.
          Cont rest = next == exprs.length ? k : () -> evalBody(body, next, f, st, k);
          return evalNode(e.node(), f, est, rest);
        }
      }
      return k.run();
    } finally {
      undo(mark);
    }
  }

  /** A continuation that stops the search at the first solution. */
  private static final Cont STOP = () -> true;

  // ================================================================ the trail

  // Bindings made by expressions evaluated in the body loop, undone in reverse order when the
  // loop returns (the trail of a Prolog machine). CPS code binds and unbinds around its
  // continuation instead.
  private Value[][] trailFrames = new Value[16][];
  private int[] trailSlots = new int[16];
  private int trailTop;

  private void bind(Value[] f, int slot, Value v) {
    if (trailTop == trailSlots.length) {
      trailFrames = java.util.Arrays.copyOf(trailFrames, trailTop * 2);
      trailSlots = java.util.Arrays.copyOf(trailSlots, trailTop * 2);
    }
    f[slot] = v;
    trailFrames[trailTop] = f;
    trailSlots[trailTop] = slot;
    trailTop++;
  }

  private void undo(int mark) {
    while (trailTop > mark) {
      trailTop--;
      trailFrames[trailTop][trailSlots[trailTop]] = null;
      trailFrames[trailTop] = null;
    }
  }

  // ================================================================ expressions that succeed at most once

  private static final int FAIL = 0;
  private static final int PASS = 1;
  /** The expression may succeed more than once: evaluate it with a continuation. */
  private static final int SEARCH = 2;

  /**
   * Evaluates an expression directly when it can succeed at most once, binding on the trail.
   * Decides SEARCH before evaluating anything, so nothing is evaluated twice.
   */
  private int directNode(PExpr.Node node, Value[] f, State st) {
    if (node instanceof PExpr.TermNode t) { // most expressions: tested first, without a type switch
      return directTerm(t, f, st);
    }
    switch (node) {
      case PExpr.TermNode t -> {
        return directTerm(t, f, st);
      }
      case PExpr.UnifyNode u -> {
        PTerm a = u.left();
        PTerm b = u.right();
        if (hasUnbound(a, f)) {
          if (hasUnbound(b, f)) {
            return SEARCH;
          }
          PTerm x = a;
          a = b;
          b = x;
        }
        if (!isDirect(a, f, st) || !isDirectPattern(b, f, st)) {
          return SEARCH;
        }
        Value v = evalDirect(a, f, st);
        return v != null && unifyDirect(b, v, f, st) ? PASS : FAIL;
      }
      case PExpr.SomeInNode s -> {
        return SEARCH;
      }
      case PExpr.EveryNode ev -> {
        if (!isDirect(ev.domain(), f, st)) {
          return SEARCH;
        }
        Value dom = evalDirect(ev.domain(), f, st);
        return dom != null && everyHolds(ev, dom, f, st) ? PASS : FAIL;
      }
    }
  }

  private int directTerm(PExpr.TermNode t, Value[] f, State st) {
    if (!isDirect(t.term(), f, st)) {
      return SEARCH;
    }
    Value v = evalDirect(t.term(), f, st);
    if (v == null || (!t.capture() && v == BooleanValue.FALSE)) {
      return FAIL;
    }
    if (t.captureSlot() >= 0) {
      bind(f, t.captureSlot(), v);
    }
    return PASS;
  }

  /** True when the term has at most one value here: no iteration, relation or mocked call in it. */
  private static boolean isDirect(PTerm t, Value[] f, State st) {
    int[] slots = slotsOf(t);
    if (slots != null && st.noMocks) {
      for (int slot : slots) {
        if (f[slot] == null) {
          return false;
        }
      }
      return true;
    }
    return isDirectByShape(t, f, st);
  }

  // Kept apart from isDirect so that the common case above is small enough for the JIT to
  // inline at its many call sites; the walk below is for relations, mocks and composite
  // reference segments.
  private static boolean isDirectByShape(PTerm t, Value[] f, State st) {
    switch (t) {
      case PTerm.Const c -> {
        return true;
      }
      case PTerm.Local l -> {
        return true;
      }
      case PTerm.Ref r -> {
        if (r.head() != null && !isDirect(r.head(), f, st)) {
          return false;
        }
        for (PTerm p : r.path()) {
          if (!(p instanceof PTerm.Const) && (hasUnbound(p, f) || !isDirect(p, f, st))) {
            return false;
          }
        }
        return true;
      }
      case PTerm.Call c -> {
        Builtin b = c.builtin();
        if (b != null && (b.isRelation() || b.name().equals("print"))) {
          return false;
        }
        if (!st.noMocks && st.mocks.containsKey(c.name())) {
          return false;
        }
        return allDirect(c.args(), f, st);
      }
      case PTerm.ArrayLit a -> {
        return allDirect(a.items(), f, st);
      }
      case PTerm.SetLit s -> {
        return allDirect(s.items(), f, st);
      }
      case PTerm.ObjectLit o -> {
        return allDirect(o.keys(), f, st) && allDirect(o.values(), f, st);
      }
      case PTerm.ArrayCompr c -> {
        return true;
      }
      case PTerm.SetCompr c -> {
        return true;
      }
      case PTerm.ObjectCompr c -> {
        return true;
      }
    }
  }

  /**
   * {@link PTerm#directSlots()} read with type tests in order of frequency: as an interface call
   * it is dispatched over every kind of term on each of the evaluation's hundreds of checks.
   */
  private static int[] slotsOf(PTerm t) {
    if (t instanceof PTerm.Call c) {
      return c.directSlots();
    }
    if (t instanceof PTerm.Ref r) {
      return r.directSlots();
    }
    if (t instanceof PTerm.Const || t instanceof PTerm.Local) {
      return PTerm.NO_SLOTS;
    }
    return t.directSlots();
  }

  private static boolean allDirect(PTerm[] ts, Value[] f, State st) {
    for (PTerm t : ts) {
      if (!isDirect(t, f, st)) {
        return false;
      }
    }
    return true;
  }

  /** True when unifying the pattern with a value can succeed at most once. */
  private static boolean isDirectPattern(PTerm p, Value[] f, State st) {
    switch (p) {
      case PTerm.ArrayLit a -> {
        for (PTerm i : a.items()) {
          if (!isDirectPattern(i, f, st)) {
            return false;
          }
        }
        return true;
      }
      case PTerm.ObjectLit o -> {
        if (!allDirect(o.keys(), f, st)) {
          return false;
        }
        for (PTerm v : o.values()) {
          if (!isDirectPattern(v, f, st)) {
            return false;
          }
        }
        return true;
      }
      default -> {
        return isDirect(p, f, st);
      }
    }
  }

  /** Unifies a pattern with a value, binding on the trail; the pattern is {@link #isDirectPattern}. */
  private boolean unifyDirect(PTerm p, Value v, Value[] f, State st) {
    switch (p) {
      case PTerm.Local l -> {
        Value cur = f[l.slot()];
        if (cur != null) {
          return cur.equals(v);
        }
        bind(f, l.slot(), v);
        return true;
      }
      case PTerm.Const c -> {
        return c.value().equals(v);
      }
      case PTerm.ArrayLit a -> {
        PTerm[] items = a.items();
        if (!(v instanceof ArrayValue av) || av.size() != items.length) {
          return false;
        }
        for (int i = 0; i < items.length; i++) {
          if (!unifyDirect(items[i], av.get(i), f, st)) {
            return false;
          }
        }
        return true;
      }
      case PTerm.ObjectLit o -> {
        if (!(v instanceof ObjectValue ov) || ov.size() != o.keys().length) {
          return false;
        }
        Value[] vals = new Value[o.keys().length];
        for (int i = 0; i < vals.length; i++) {
          Value key = evalDirect(o.keys()[i], f, st);
          vals[i] = key == null ? null : ov.get(key);
          if (vals[i] == null) {
            return false;
          }
        }
        for (int i = 0; i < vals.length; i++) {
          if (!unifyDirect(o.values()[i], vals[i], f, st)) {
            return false;
          }
        }
        return true;
      }
      default -> {
        Value pv = evalDirect(p, f, st);
        return pv != null && pv.equals(v);
      }
    }
  }

  /**
   * The value of a term that {@link #isDirect} accepted, or null when undefined. It visits
   * sub-terms in the order the continuation-passing {@link #evalTerm} does, so built-in errors
   * and prints come out the same.
   */
  private Value evalDirect(PTerm t, Value[] f, State st) {
    // Constants and variables, most arguments and segments, stay small enough to inline.
    if (t instanceof PTerm.Const c) {
      return c.value();
    }
    if (t instanceof PTerm.Local l) {
      return f[l.slot()];
    }
    return evalDirectComposite(t, f, st);
  }

  // References and calls, the common composites, are tested for first and directly: a pattern
  // switch is an invokedynamic type test, which the JIT does not always inline here.
  private Value evalDirectComposite(PTerm t, Value[] f, State st) {
    if (t instanceof PTerm.Call c) {
      Builtin b = c.builtin();
      if (b != null && b.intrinsic() != Intrinsics.NONE && c.args().length == b.arity()) {
        return intrinsicDirect(b, c, f, st);
      }
      DocNode fn = c.function();
      if (fn != null && fn.predicate != null && run.coverage == null
          && fn.predicate.params.length == c.args().length) {
        return predicateDirect(fn.predicate, c.args(), f, st);
      }
      Value[] args = evalAllDirect(c.args(), f, st);
      return args == null ? null : invokeDirect(c, args, st);
    }
    if (t instanceof PTerm.Ref r) {
      return refDirect(r, f, st);
    }
    switch (t) {
      case PTerm.Const c -> {
        return c.value();
      }
      case PTerm.Local l -> {
        return f[l.slot()];
      }
      case PTerm.Ref r -> {
        return refDirect(r, f, st);
      }
      case PTerm.Call c -> {
        Value[] args = evalAllDirect(c.args(), f, st);
        return args == null ? null : invokeDirect(c, args, st);
      }
      case PTerm.ArrayLit a -> {
        Value[] out = evalAllDirect(a.items(), f, st);
        return out == null ? null : ArrayValue.wrap(out);
      }
      case PTerm.SetLit s -> {
        Value[] out = evalAllDirect(s.items(), f, st);
        return out == null ? null : SetValue.of(out);
      }
      case PTerm.ObjectLit o -> {
        return objectDirect(o, f, st);
      }
      case PTerm.ArrayCompr c -> {
        return arrayComprehension(c, f, st);
      }
      case PTerm.SetCompr c -> {
        return setComprehension(c, f, st);
      }
      case PTerm.ObjectCompr c -> {
        return objectComprehension(c, f, st);
      }
    }
  }

  /** A reference whose segments are all bound: from input, from data, or from another term. */
  private Value refDirect(PTerm.Ref r, Value[] f, State st) {
    PTerm.Root start = r.root();
    if (start == PTerm.Root.INPUT) {
      return st.input == null ? null : indexRef(st.input, r, 0, f, st);
    }
    if (start == PTerm.Root.DATA) {
      if (st.overlay != null) {
        return dataDirect(root, data, st.overlay, r.path(), 0, f, st);
      }
      DataPrefix.Entry p = dataPrefix(r);
      if (p.completeRule()) { // most references to rules: straight to the rule's memoised value
        Value v = completeValue(p.node(), st);
        return v == null ? null : indexRef(v, r, p.length(), f, st);
      }
      return dataDirect(p.node(), p.base(), null, r.path(), p.length(), f, st);
    }
    Value h = evalDirect(r.head(), f, st);
    return h == null ? null : indexRef(h, r, 0, f, st);
  }

  /** An object literal: keys first, then values, as {@link #evalTerm} visits them. */
  private Value objectDirect(PTerm.ObjectLit o, Value[] f, State st) {
    PTerm[] keyTerms = o.keys();
    PTerm[] valueTerms = o.values();
    ObjectValue.Shape shape = o.shape();
    if (shape != null) { // constant keys, most literals: the values go straight to their places
      Value[] vals = new Value[valueTerms.length];
      for (int i = 0; i < valueTerms.length; i++) {
        Value v = evalDirect(valueTerms[i], f, st);
        if (v == null) {
          return null;
        }
        vals[shape.position(i)] = v;
      }
      return shape.object(vals);
    }
    Value[] keys = null;
    for (int i = 0; i < keyTerms.length; i++) {
      if (!(keyTerms[i] instanceof PTerm.Const)) {
        keys = evalAllDirect(keyTerms, f, st); // constant keys (repeated, no shape): no array
        if (keys == null) {
          return null;
        }
        break;
      }
    }
    ObjectValue.Builder b = ObjectValue.builder(keyTerms.length);
    for (int i = 0; i < valueTerms.length; i++) {
      Value v = evalDirect(valueTerms[i], f, st);
      if (v == null) {
        return null;
      }
      b.put(keys != null ? keys[i] : ((PTerm.Const) keyTerms[i]).value(), v);
    }
    return b.build();
  }

  /** The values of the terms, or null when one is undefined. */
  private Value[] evalAllDirect(PTerm[] ts, Value[] f, State st) {
    Value[] out = new Value[ts.length];
    for (int i = 0; i < ts.length; i++) {
      Value v = evalDirect(ts[i], f, st);
      if (v == null) {
        return null;
      }
      out[i] = v;
    }
    return out;
  }

  /**
   * {@link #indexDirect} along a reference's own path from segment {@code i}, looking for each
   * key in an object first where this reference found it before ({@link PTerm.Ref#positions}).
   */
  private Value indexRef(Value v, PTerm.Ref r, int i, Value[] f, State st) {
    PTerm[] path = r.path();
    int[] positions = r.positions();
    for (; i < path.length && v != null; i++) {
      Value key = evalDirect(path[i], f, st);
      if (key == null) {
        return null;
      }
      if (v instanceof ObjectValue o) {
        int hint = positions[i];
        int at = o.position(key, hint);
        if (at < 0) {
          return null;
        }
        if (hint < 0) {
          positions[i] = at;
        }
        v = o.valueAt(at);
      } else {
        v = select(v, key);
      }
    }
    return v;
  }

  /** {@code v[path[i]][path[i+1]]...} with every segment bound. */
  private Value indexDirect(Value v, PTerm[] path, int i, Value[] f, State st, boolean storage) {
    for (; i < path.length && v != null; i++) {
      Value key = evalDirect(path[i], f, st);
      if (key == null) {
        return null;
      }
      v = storage ? selectStored(v, key) : select(v, key);
    }
    return v;
  }

  /**
   * Where the reference's constant leading segments lead without an overlay: worked out once
   * per reference and policy, exactly as {@link #evalData} would step through namespace nodes.
   */
  private DataPrefix.Entry dataPrefix(PTerm.Ref r) {
    DataPrefix.Entry e = r.dataPrefix().get(root, data);
    if (e != null) {
      return e;
    }
    PTerm[] path = r.path();
    DocNode node = root;
    Value base = data;
    int i = 0;
    while (i < path.length && path[i] instanceof PTerm.Const c && node != null && node.hasRules
        && node.kind == DocNode.Kind.NAMESPACE) {
      Value key = c.value();
      base = base instanceof ObjectValue bo ? selectStored(bo, key) : null;
      node = node.children.get(storedKey(key));
      i++;
    }
    e = new DataPrefix.Entry(root, data, i, node, base);
    r.dataPrefix().set(e);
    return e;
  }

  /** {@link #evalData} for a path whose segments are all bound. */
  private Value dataDirect(DocNode node, Value base, Overlay ov, PTerm[] path, int i, Value[] f, State st) {
    while (true) {
      if (ov != null && ov.value != null) {
        return indexDirect(ov.value, path, i, f, st, false);
      }
      if (node == null || !node.hasRules) {
        Value v = ov == null ? base : ov.applyTo(base);
        return v == null ? null : indexDirect(v, path, i, f, st, true);
      }
      if (node.kind != DocNode.Kind.NAMESPACE && base != null) {
        return indexDirect(ov == null ? base : ov.applyTo(base), path, i, f, st, true);
      }
      if (node.kind != DocNode.Kind.NAMESPACE) {
        if (ov != null || (node.kind == DocNode.Kind.OBJECT && !node.children.isEmpty())) {
          Value v = ruleNodeValue(node, base, ov, st);
          return v == null ? null : indexDirect(v, path, i, f, st, false);
        }
        return ruleNodeDirect(node, path, i, f, st);
      }
      if (i == path.length) {
        return namespaceValue(node, base, ov, st);
      }
      Value key = evalDirect(path[i], f, st);
      if (key == null) {
        return null;
      }
      Value storedKey = storedKey(key);
      Value childBase = base instanceof ObjectValue bo ? selectStored(bo, key) : null;
      node = node.children.get(storedKey);
      base = childBase;
      ov = ov == null ? null : ov.child(storedKey);
      i++;
    }
  }

  /** {@link #evalRuleNode} for a path whose segments are all bound. */
  private Value ruleNodeDirect(DocNode node, PTerm[] path, int i, Value[] f, State st) {
    switch (node.kind) {
      case COMPLETE -> {
        Value v = completeValue(node, st);
        return v == null ? null : indexDirect(v, path, i, f, st, false);
      }
      case MULTI -> {
        if (i < path.length) {
          Value key = evalDirect(path[i], f, st);
          return key != null && multiContains(node, key, st) ? indexDirect(key, path, i + 1, f, st, false) : null;
        }
        return multiValue(node, st);
      }
      case OBJECT -> {
        if (i < path.length && singleKeyRules(node)) {
          Value key = evalDirect(path[i], f, st);
          Value v = key == null ? null : objectLookup(node, key, st);
          return v == null ? null : indexDirect(v, path, i + 1, f, st, false);
        }
        Value v = objectValue(node, st);
        return v == null ? null : indexDirect(v, path, i, f, st, false);
      }
      default -> {
        return null;
      }
    }
  }

  /** Base data stores integer keys as strings: {@code data.x[2]} finds {@code "2"}. */
  private static Value storedKey(Value key) {
    if (key instanceof NumberValue n && n.isInteger()) {
      return dev.mandate.rego.value.StringValue.of(n.toString());
    }
    return key;
  }

  /** A call whose arguments are evaluated and whose target is not mocked. */
  private Value invokeDirect(PTerm.Call c, Value[] args, State st) {
    if (c.function() != null) {
      return callFunction(c.function(), args, st);
    }
    return callBuiltin(c.builtin(), args, c.location());
  }

  private boolean evalNode(PExpr.Node node, Value[] f, State st, Cont k) {
    return switch (node) {
      case PExpr.TermNode t -> evalTerm(t.term(), f, st,
          v -> (t.capture() || v != BooleanValue.FALSE) && captured(t, v, f, k));
      case PExpr.UnifyNode u -> unify(u.left(), u.right(), f, st, k);
      case PExpr.SomeInNode s -> {
        if (isDirect(s.collection(), f, st)) {
          Value c = evalDirect(s.collection(), f, st);
          yield c != null && someIn(s, c, f, st, k);
        }
        yield evalTerm(s.collection(), f, st, c -> someIn(s, c, f, st, k));
      }
      case PExpr.EveryNode ev -> evalEvery(ev, f, st, k);
    };
  }

  /** Runs {@code k} with the value of a query's expression in its capture slot, if it has one. */
  private static boolean captured(PExpr.TermNode t, Value v, Value[] f, Cont k) {
    int slot = t.captureSlot();
    if (slot < 0) {
      return k.run();
    }
    f[slot] = v;
    boolean r = k.run();
    f[slot] = null;
    return r;
  }

  /**
   * {@code some [key,] value in c}: unifies the patterns with each entry of the collection in
   * turn (as {@link #iterate} visits them) and runs {@code k} for each match. A loop of its own,
   * not {@code iterate} with a closure: this is the most common way bodies enumerate.
   */
  private boolean someIn(PExpr.SomeInNode s, Value c, Value[] f, State st, Cont k) {
    switch (c) {
      case ArrayValue a -> {
        for (int i = 0; i < a.size(); i++) {
          run.step();
          if (someInEntry(s, s.key() == null ? null : NumberValue.of(i), a.get(i), f, st, k)) {
            return true;
          }
        }
      }
      case ObjectValue o -> {
        Value[] keys = o.keys();
        Value[] values = o.valuesInKeyOrder();
        for (int i = 0; i < keys.length; i++) {
          run.step();
          if (someInEntry(s, keys[i], values[i], f, st, k)) {
            return true;
          }
        }
      }
      case SetValue set -> {
        for (Value v : set.sortedElements()) {
          run.step();
          if (someInEntry(s, v, v, f, st, k)) {
            return true;
          }
        }
      }
      default -> {}
    }
    return false;
  }

  private boolean someInEntry(PExpr.SomeInNode s, Value key, Value val, Value[] f, State st,
      Cont k) {
    PTerm keyPattern = s.key();
    if (keyPattern == null) {
      PTerm pattern = s.value();
      if (!(pattern instanceof PTerm.Local) && isDirectPattern(pattern, f, st)) {
        // A destructuring pattern such as [_, name]: matched at once, its bindings on the trail.
        int mark = trailTop;
        try {
          return unifyDirect(pattern, val, f, st) && k.run();
        } finally {
          undo(mark);
        }
      }
      return unifyValue(pattern, val, f, st, k);
    }
    if (keyPattern instanceof PTerm.Local l && f[l.slot()] == null) {
      f[l.slot()] = key;
      boolean r = unifyValue(s.value(), val, f, st, k);
      f[l.slot()] = null;
      return r;
    }
    return unifyValue(keyPattern, key, f, st, () -> unifyValue(s.value(), val, f, st, k));
  }

  private boolean evalEvery(PExpr.EveryNode ev, Value[] f, State st, Cont k) {
    return evalTerm(ev.domain(), f, st, dom -> everyHolds(ev, dom, f, st) && k.run());
  }

  /** Whether the body of {@code every} holds for each element of the domain. */
  private boolean everyHolds(PExpr.EveryNode ev, Value dom, Value[] f, State st) {
    if (!(dom instanceof ArrayValue || dom instanceof ObjectValue || dom instanceof SetValue)) {
      return false; // OPA: every over a non-collection is undefined
    }
    boolean stopped = iterate(dom, (key, val) -> {
      if (ev.key() != null) {
        f[ev.key().slot()] = key;
      }
      f[ev.value().slot()] = val;
      boolean ok = evalBody(ev.body(), 0, f, st, STOP);
      if (ev.key() != null) {
        f[ev.key().slot()] = null;
      }
      f[ev.value().slot()] = null;
      return !ok; // stop iterating: one failing element decides
    });
    return !stopped;
  }

  @FunctionalInterface
  private interface EntryCont {
    boolean accept(Value key, Value value);
  }

  /** Visits the (key, value) pairs of a collection: array index/element, object key/value, set element twice. */
  private boolean iterate(Value c, EntryCont k) {
    switch (c) {
      case ArrayValue a -> {
        for (int i = 0; i < a.size(); i++) {
          run.step();
          if (k.accept(NumberValue.of(i), a.get(i))) {
            return true;
          }
        }
      }
      case ObjectValue o -> {
        Value[] keys = o.keys();
        Value[] values = o.valuesInKeyOrder();
        for (int i = 0; i < keys.length; i++) {
          run.step();
          if (k.accept(keys[i], values[i])) {
            return true;
          }
        }
      }
      case SetValue s -> {
        for (Value v : s.sortedElements()) {
          run.step();
          if (k.accept(v, v)) {
            return true;
          }
        }
      }
      default -> {}
    }
    return false;
  }

  // ================================================================ with

  private State applyWiths(PExpr e, Value[] f, State st) {
    Value input = st.input;
    Overlay overlay = st.overlay;
    Map<String, State.Mock> mocks = st.mocks;
    for (PExpr.PWith w : e.withs()) {
      switch (w) {
        case PExpr.WithInput wi -> {
          Value v = evalOne(wi.value(), f, st);
          if (v == null) {
            return null;
          }
          input = wi.path().length == 0 ? v : Overlay.patch(input, wi.path(), 0, v);
        }
        case PExpr.WithData wd -> {
          Value v = evalOne(wd.value(), f, st);
          if (v == null) {
            return null;
          }
          overlay = Overlay.with(overlay, wd.path(), 0, v);
        }
        case PExpr.WithFunction wf -> {
          State.Mock mock;
          if (wf.replacement() != null) {
            mock = new State.Mock(wf.replacement(), null);
          } else {
            Value v = evalOne(wf.value(), f, st);
            if (v == null) {
              return null;
            }
            mock = new State.Mock(null, v);
          }
          Map<String, State.Mock> m = new HashMap<>(mocks);
          m.put(wf.target(), mock);
          mocks = m;
        }
      }
    }
    return new State(input, overlay, mocks, st.memoLength(), st.memoSlots);
  }

  // ================================================================ terms

  /** The single value of a term that cannot enumerate, or null when undefined. */
  private Value evalOne(PTerm t, Value[] f, State st) {
    switch (t) {
      case PTerm.Const c -> {
        return c.value();
      }
      case PTerm.Local l -> {
        return f[l.slot()];
      }
      default -> {
        if (isDirect(t, f, st)) {
          return evalDirect(t, f, st);
        }
        Value[] out = {null};
        evalTerm(t, f, st, v -> {
          out[0] = v;
          return true;
        });
        return out[0];
      }
    }
  }

  boolean evalTerm(PTerm t, Value[] f, State st, VCont k) {
    switch (t) {
      case PTerm.Const c -> {
        return k.accept(c.value());
      }
      case PTerm.Local l -> {
        Value v = f[l.slot()];
        return v != null && k.accept(v);
      }
      default -> {
        if (isDirect(t, f, st)) {
          Value v = evalDirect(t, f, st);
          return v != null && k.accept(v);
        }
      }
    }
    switch (t) {
      case PTerm.Ref r -> {
        return evalRef(r, f, st, k);
      }
      case PTerm.Call c -> {
        return evalCall(c, f, st, k);
      }
      case PTerm.ArrayLit a -> {
        Value[] out = new Value[a.items().length];
        return evalItems(a.items(), 0, out, f, st, () -> k.accept(ArrayValue.wrap(out.clone())));
      }
      case PTerm.SetLit s -> {
        Value[] out = new Value[s.items().length];
        return evalItems(s.items(), 0, out, f, st, () -> k.accept(SetValue.of(out)));
      }
      case PTerm.ObjectLit o -> {
        int n = o.keys().length;
        PTerm[] all = new PTerm[n * 2];
        System.arraycopy(o.keys(), 0, all, 0, n);
        System.arraycopy(o.values(), 0, all, n, n);
        Value[] out = new Value[n * 2];
        return evalItems(all, 0, out, f, st, () -> {
          ObjectValue.Builder b = ObjectValue.builder();
          for (int i = 0; i < n; i++) {
            b.put(out[i], out[n + i]);
          }
          return k.accept(b.build());
        });
      }
      default -> throw new IllegalStateException("not an enumerating term: " + t);
    }
  }

  private Value arrayComprehension(PTerm.ArrayCompr c, Value[] f, State st) {
    List<Value> list = new ArrayList<>();
    Collector out = acquireCollector(list, null, c.head(), f, st);
    try {
      evalBody(c.body(), 0, f, st, out);
    } finally {
      releaseCollector();
    }
    return ArrayValue.of(list);
  }

  private Value setComprehension(PTerm.SetCompr c, Value[] f, State st) {
    SetValue.Builder set = SetValue.builder();
    Collector out = acquireCollector(null, set, c.head(), f, st);
    try {
      evalBody(c.body(), 0, f, st, out);
    } finally {
      releaseCollector();
    }
    return set.build();
  }

  /**
   * The end of an array or set comprehension's body: adds the head's value for each solution.
   * One object serves as both continuations, where two lambdas were two allocations for each
   * comprehension evaluated. Instances are kept on a stack for the evaluation (comprehensions
   * nest, so one is not enough) and reused: a permit evaluates a score of comprehensions.
   */
  private final class Collector implements Cont, VCont {
    /** An array comprehension's values, or null. */
    private List<Value> list;
    /** A set comprehension's values, or null. */
    private SetValue.Builder set;
    private PTerm head;
    private Value[] f;
    private State st;

    void reset(List<Value> list, SetValue.Builder set, PTerm head, Value[] f, State st) {
      this.list = list;
      this.set = set;
      this.head = head;
      this.f = f;
      this.st = st;
    }

    @Override
    public boolean run() {
      return evalTerm(head, f, st, this);
    }

    @Override
    public boolean accept(Value v) {
      if (set != null) {
        set.add(v);
      } else {
        list.add(v);
      }
      return false;
    }
  }

  private final ReuseStack<Collector> collectors = new ReuseStack<>(Collector::new);

  private Collector acquireCollector(List<Value> list, SetValue.Builder set, PTerm head,
      Value[] f, State st) {
    Collector c = collectors.push();
    c.reset(list, set, head, f, st);
    return c;
  }

  private void releaseCollector() {
    collectors.pop().reset(null, null, null, null, null); // drop this evaluation's values
  }

  private Value objectComprehension(PTerm.ObjectCompr c, Value[] f, State st) {
    Map<Value, Value> out = new HashMap<>();
    evalBody(c.body(), 0, f, st, () -> evalTerm(c.key(), f, st, key -> evalTerm(c.value(), f, st, v -> {
      Value prev = out.putIfAbsent(key, v);
      if (prev != null && !prev.equals(v)) {
        throw new EvalException(EvalException.CONFLICT, "object keys must be unique", null);
      }
      return false;
    })));
    return ObjectValue.wrap(out);
  }

  private boolean evalItems(PTerm[] items, int i, Value[] out, Value[] f, State st, Cont k) {
    if (i == items.length) {
      return k.run();
    }
    return evalTerm(items[i], f, st, v -> {
      out[i] = v;
      return evalItems(items, i + 1, out, f, st, k);
    });
  }

  // ================================================================ unification

  private boolean unify(PTerm a, PTerm b, Value[] f, State st, Cont k) {
    boolean aOpen = hasUnbound(a, f);
    if (!aOpen) {
      return evalTerm(a, f, st, v -> unifyValue(b, v, f, st, k));
    }
    if (!hasUnbound(b, f)) {
      return evalTerm(b, f, st, v -> unifyValue(a, v, f, st, k));
    }
    if (a instanceof PTerm.ArrayLit x && b instanceof PTerm.ArrayLit y) {
      return x.items().length == y.items().length && unifyPairs(x.items(), y.items(), 0, f, st, k);
    }
    if (a instanceof PTerm.ObjectLit x && b instanceof PTerm.ObjectLit y) {
      if (x.keys().length != y.keys().length) {
        return false;
      }
      PTerm[] left = x.values();
      PTerm[] right = new PTerm[left.length];
      for (int i = 0; i < left.length; i++) {
        Value kx = evalOne(x.keys()[i], f, st);
        for (int j = 0; j < y.keys().length; j++) {
          if (kx != null && kx.equals(evalOne(y.keys()[j], f, st))) {
            right[i] = y.values()[j];
          }
        }
        if (right[i] == null) {
          return false;
        }
      }
      return unifyPairs(left, right, 0, f, st, k);
    }
    return false;
  }

  private boolean unifyPairs(PTerm[] a, PTerm[] b, int i, Value[] f, State st, Cont k) {
    if (i == a.length) {
      return k.run();
    }
    return unify(a[i], b[i], f, st, () -> unifyPairs(a, b, i + 1, f, st, k));
  }

  /** True when the term, as a pattern, still has unbound variables. */
  private static boolean hasUnbound(PTerm t, Value[] f) {
    if (t instanceof PTerm.Local l) {
      return f[l.slot()] == null;
    }
    if (!(t instanceof PTerm.ArrayLit || t instanceof PTerm.ObjectLit)) {
      return false; // the common case, without a type switch
    }
    switch (t) {
      case PTerm.Local l -> {
        return f[l.slot()] == null;
      }
      case PTerm.ArrayLit a -> {
        for (PTerm i : a.items()) {
          if (hasUnbound(i, f)) {
            return true;
          }
        }
        return false;
      }
      case PTerm.ObjectLit o -> {
        for (PTerm v : o.values()) {
          if (hasUnbound(v, f)) {
            return true;
          }
        }
        return false;
      }
      default -> {
        return false;
      }
    }
  }

  /** Unifies a pattern with a value, binding the pattern's unbound variables. */
  boolean unifyValue(PTerm p, Value v, Value[] f, State st, Cont k) {
    switch (p) {
      case PTerm.Local l -> {
        int slot = l.slot();
        Value cur = f[slot];
        if (cur != null) {
          return cur.equals(v) && k.run();
        }
        f[slot] = v;
        boolean r = k.run();
        f[slot] = null;
        return r;
      }
      case PTerm.Const c -> {
        return c.value().equals(v) && k.run();
      }
      case PTerm.ArrayLit a -> {
        if (!(v instanceof ArrayValue av) || av.size() != a.items().length) {
          return false;
        }
        return unifyElements(a.items(), av, 0, f, st, k);
      }
      case PTerm.ObjectLit o -> {
        if (!(v instanceof ObjectValue ov) || ov.size() != o.keys().length) {
          return false;
        }
        Value[] vals = new Value[o.keys().length];
        for (int i = 0; i < vals.length; i++) {
          Value key = evalOne(o.keys()[i], f, st);
          vals[i] = key == null ? null : ov.get(key);
          if (vals[i] == null) {
            return false;
          }
        }
        return unifyEach(o.values(), vals, 0, f, st, k);
      }
      default -> {
        return evalTerm(p, f, st, pv -> pv.equals(v) && k.run());
      }
    }
  }

  private boolean unifyElements(PTerm[] ps, ArrayValue av, int i, Value[] f, State st, Cont k) {
    if (i == ps.length) {
      return k.run();
    }
    if (i == 0 && ps.length <= Long.SIZE && flatPattern(ps)) {
      return unifyFlat(ps, av, f, k);
    }
    return unifyValue(ps[i], av.get(i), f, st, () -> unifyElements(ps, av, i + 1, f, st, k));
  }

  /** Whether every element of an array pattern is a variable or a constant, as in {@code [_, x]}. */
  private static boolean flatPattern(PTerm[] ps) {
    for (PTerm p : ps) {
      if (!(p instanceof PTerm.Local) && !(p instanceof PTerm.Const)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@link #unifyElements} for a flat pattern, without a continuation per element: each element
   * is compared or bound in turn (a variable repeated in the pattern is bound by its first use and
   * compared after), the continuation runs once, and the variables bound here are unbound after.
   * Patterns such as {@code [path, value]} against {@code walk}'s output take this path.
   */
  private boolean unifyFlat(PTerm[] ps, ArrayValue av, Value[] f, Cont k) {
    long bound = 0;
    boolean match = true;
    for (int i = 0; i < ps.length && match; i++) {
      Value v = av.get(i);
      if (ps[i] instanceof PTerm.Local l) {
        Value cur = f[l.slot()];
        if (cur == null) {
          f[l.slot()] = v;
          bound |= 1L << i;
        } else {
          match = cur.equals(v);
        }
      } else {
        match = ((PTerm.Const) ps[i]).value().equals(v);
      }
    }
    try {
      return match && k.run();
    } finally {
      for (int i = 0; bound != 0; i++, bound >>>= 1) {
        if ((bound & 1) != 0) {
          f[((PTerm.Local) ps[i]).slot()] = null;
        }
      }
    }
  }

  private boolean unifyEach(PTerm[] ps, Value[] vs, int i, Value[] f, State st, Cont k) {
    if (i == ps.length) {
      return k.run();
    }
    return unifyValue(ps[i], vs[i], f, st, () -> unifyEach(ps, vs, i + 1, f, st, k));
  }

  // ================================================================ references

  private boolean evalRef(PTerm.Ref r, Value[] f, State st, VCont k) {
    return switch (r.root()) {
      case INPUT -> st.input != null && indexPath(st.input, r.path(), 0, f, st, k);
      case DATA -> {
        if (st.overlay != null) {
          yield evalData(root, data, st.overlay, r.path(), 0, f, st, k);
        }
        DataPrefix.Entry p = dataPrefix(r);
        yield evalData(p.node(), p.base(), null, r.path(), p.length(), f, st, k);
      }
      case TERM -> evalTerm(r.head(), f, st, h -> indexPath(h, r.path(), 0, f, st, k));
    };
  }

  /** Applies path[i..] to a plain value, iterating where a segment is unbound. */
  private boolean indexPath(Value v, PTerm[] path, int i, Value[] f, State st, VCont k) {
    return indexPath(v, path, i, f, st, k, false);
  }

  /**
   * As above; {@code storage} marks base data reached through a {@code data} reference, where
   * OPA looks integer keys up as strings ({@code data.x[2]} finds {@code "2"}).
   */
  private boolean indexPath(Value v, PTerm[] path, int i, Value[] f, State st, VCont k, boolean storage) {
    if (i == path.length) {
      return k.accept(v);
    }
    PTerm p = path[i];
    if (hasUnbound(p, f)) {
      return iterate(v, (key, val) -> unifyValue(p, key, f, st,
          () -> indexPath(val, path, i + 1, f, st, k, storage)));
    }
    return evalTerm(p, f, st, key -> {
      Value child = storage ? selectStored(v, key) : select(v, key);
      return child != null && indexPath(child, path, i + 1, f, st, k, storage);
    });
  }

  private static Value selectStored(Value v, Value key) {
    Value child = select(v, key);
    if (child == null && key instanceof NumberValue n && n.isInteger() && v instanceof ObjectValue o) {
      child = o.get(dev.mandate.rego.value.StringValue.of(n.toString()));
    }
    return child;
  }

  /** {@code v[key]}, or null when undefined. */
  static Value select(Value v, Value key) {
    if (v instanceof ObjectValue o) {
      return o.get(key); // by far the most common: tested first, without a type switch
    }
    switch (v) {
      case ObjectValue o -> {
        return o.get(key);
      }
      case ArrayValue a -> {
        if (key instanceof NumberValue n && n.isLong()) {
          long i = n.longValue();
          return i >= 0 && i < a.size() ? a.get((int) i) : null;
        }
        return null;
      }
      case SetValue s -> {
        return s.contains(key) ? key : null;
      }
      default -> {
        return null;
      }
    }
  }

  /**
   * Walks the data tree along path[i..]: namespace nodes descend by key (iterating the union of
   * base keys and rule keys for an unbound segment), rule nodes produce their value, and plain
   * base data is indexed as a value.
   */
  private boolean evalData(DocNode node, Value base, Overlay ov, PTerm[] path, int i, Value[] f, State st,
      VCont k) {
    if (ov != null && ov.value != null) {
      return indexPath(ov.value, path, i, f, st, k);
    }
    if (node == null || !node.hasRules) {
      Value v = ov == null ? base : ov.applyTo(base);
      return v != null && indexPath(v, path, i, f, st, k, true);
    }
    if (node.kind != DocNode.Kind.NAMESPACE && base != null) {
      // Base data wins over a rule defined at the same path, as in OPA.
      return indexPath(ov == null ? base : ov.applyTo(base), path, i, f, st, k, true);
    }
    if (node.kind != DocNode.Kind.NAMESPACE) {
      if (ov != null || (node.kind == DocNode.Kind.OBJECT && !node.children.isEmpty())) {
        Value v = ruleNodeValue(node, base, ov, st);
        return v != null && indexPath(v, path, i, f, st, k);
      }
      return evalRuleNode(node, path, i, f, st, k);
    }
    if (i == path.length) {
      return k.accept(namespaceValue(node, base, ov, st));
    }
    PTerm p = path[i];
    if (hasUnbound(p, f)) {
      TreeSet<Value> keys = new TreeSet<>(node.children.keySet());
      if (base instanceof ObjectValue bo) {
        keys.addAll(bo.asMap().keySet());
      }
      if (ov != null) {
        keys.addAll(ov.children.keySet());
      }
      for (Value key : keys) {
        run.step();
        boolean stop = unifyValue(p, key, f, st, () -> evalData(node.children.get(key),
            base instanceof ObjectValue bo ? bo.get(key) : null, ov == null ? null : ov.child(key),
            path, i + 1, f, st, k));
        if (stop) {
          return true;
        }
      }
      return false;
    }
    return evalTerm(p, f, st, key -> {
      Value storedKey = storedKey(key);
      DocNode child = node.children.get(storedKey);
      Value childBase = base instanceof ObjectValue bo ? selectStored(bo, key) : null;
      return evalData(child, childBase, ov == null ? null : ov.child(storedKey), path, i + 1, f, st, k);
    });
  }

  /** The whole document at a namespace node: base data merged with the values of its rules. */
  private Value namespaceValue(DocNode node, Value base, Overlay ov, State st) {
    ObjectValue.Builder b = ObjectValue.builder();
    if (base instanceof ObjectValue bo) {
      b.putAll(bo);
    }
    for (Map.Entry<Value, DocNode> e : node.children.entrySet()) {
      DocNode child = e.getValue();
      if (!child.hasRules) {
        continue;
      }
      Value childBase = base instanceof ObjectValue bo ? bo.get(e.getKey()) : null;
      Overlay childOv = ov == null ? null : ov.child(e.getKey());
      if (child.kind != DocNode.Kind.NAMESPACE && childBase != null) {
        continue; // base data wins over a rule at the same path
      }
      Value v = child.kind == DocNode.Kind.NAMESPACE
          ? namespaceValue(child, childBase, childOv, st)
          : ruleNodeValue(child, childBase, childOv, st);
      if (v != null) {
        b.put(e.getKey(), v); // an undefined rule adds nothing (and there is no base entry)
      }
    }
    Value out = b.build();
    return ov == null ? out : ov.applyTo(out);
  }

  /** The full value of a rule node (functions have none), with overlays applied. */
  private Value ruleNodeValue(DocNode node, Value base, Overlay ov, State st) {
    if (ov != null && ov.value != null) {
      return ov.value;
    }
    Value v = switch (node.kind) {
      case COMPLETE -> completeValue(node, st);
      case MULTI -> multiValue(node, st);
      case OBJECT -> objectValue(node, st);
      case FUNCTION, NAMESPACE -> null;
    };
    return ov == null || v == null ? v : ov.applyTo(v);
  }

  private boolean evalRuleNode(DocNode node, PTerm[] path, int i, Value[] f, State st, VCont k) {
    switch (node.kind) {
      case COMPLETE -> {
        Value v = completeValue(node, st);
        return v != null && indexPath(v, path, i, f, st, k);
      }
      case MULTI -> {
        if (i < path.length && !hasUnbound(path[i], f)) {
          return evalTerm(path[i], f, st, key ->
              multiContains(node, key, st) && indexPath(key, path, i + 1, f, st, k));
        }
        Value v = multiValue(node, st);
        return indexPath(v, path, i, f, st, k);
      }
      case OBJECT -> {
        if (i < path.length && !hasUnbound(path[i], f) && singleKeyRules(node)) {
          return evalTerm(path[i], f, st, key -> {
            Value v = objectLookup(node, key, st);
            return v != null && indexPath(v, path, i + 1, f, st, k);
          });
        }
        Value v = objectValue(node, st);
        return v != null && indexPath(v, path, i, f, st, k);
      }
      default -> {
        return false;
      }
    }
  }

  private static boolean singleKeyRules(DocNode node) {
    for (PRule r : node.rules) {
      if (r.keyPath.length != 1) {
        return false;
      }
    }
    return true;
  }

  // ================================================================ rules

  /** The rules worth evaluating, using the node's index when it has one. */
  private List<PRule> candidates(DocNode node, State st) {
    RuleIndex idx = node.index;
    if (idx == null) {
      return node.rules;
    }
    Value key = evalOne(idx.ref(), NO_LOCALS, st);
    List<PRule> hit = key == null ? List.of() : idx.buckets().getOrDefault(key, List.of());
    if (idx.others().isEmpty()) {
      return hit;
    }
    if (hit.isEmpty()) {
      return idx.others();
    }
    List<PRule> out = new ArrayList<>(hit.size() + idx.others().size());
    out.addAll(hit);
    out.addAll(idx.others());
    out.sort((a, b) -> Integer.compare(idx.order().get(a), idx.order().get(b)));
    return out;
  }

  private Value completeValue(DocNode node, State st) {
    Value cached = st.memo(node.memoSlot);
    if (cached != null) {
      return cached == UNDEFINED ? null : cached;
    }
    Value v = node.constantValues && run.coverage == null
        ? constantValue(node, candidates(node, st), null, st, COMPLETE_CONFLICT)
        : singleValue(node, candidates(node, st), null, st, COMPLETE_CONFLICT);
    st.memo(node.memoSlot, v == null ? UNDEFINED : v);
    return v;
  }

  /**
   * The one value the rules give (with their else chains), else the node's default, else null
   * (undefined). {@code args} binds a function's parameters; null for other rules. Two different
   * values are a conflict, reported with {@code conflict}.
   */
  private Value singleValue(DocNode node, List<PRule> rules, Value[] args, State st, String conflict) {
    SingleValue result = acquireSingleValue(st, conflict);
    Value v;
    try {
      for (PRule r : rules) {
        result.chain = r;
        evalRuleChain(r, args, result);
      }
      v = result.value;
    } finally {
      releaseSingleValue();
    }
    if (v == null && node.defaultRule != null) {
      v = defaultValue(node.defaultRule, st);
    }
    return v;
  }

  /**
   * {@link #singleValue} for rules of constant value ({@link DocNode#constantValues}): each rule
   * whose body has a solution gives its value, and the body stops there; a different value from
   * a later rule is the same conflict, reported at that rule. Every rule runs, in order, as
   * there. {@code args} binds a function's parameters; null for other rules.
   */
  private Value constantValue(DocNode node, List<PRule> rules, Value[] args, State st, String conflict) {
    Value value = null;
    for (PRule r : rules) {
      Value[] f = newFrame(r.frameSize);
      if ((args != null && !bindSimpleParams(r.params, args, f)) || !evalBody(r.body, 0, f, st, STOP)) {
        continue;
      }
      Value v = ((PTerm.Const) r.value).value();
      if (value == null) {
        value = v;
      } else if (!value.equals(v)) {
        throw new EvalException(EvalException.CONFLICT, conflict, r.location);
      }
    }
    if (value == null && node.defaultRule != null) {
      value = defaultValue(node.defaultRule, st);
    }
    return value;
  }

  /**
   * Evaluates the rules of a complete rule or a function, one after the other, and receives
   * their values: the first is the value, a different one later is a conflict (an error, as in
   * OPA). As the continuation at the end of each body it emits the head value of each solution.
   * One instance serves all the rules of one node: they are evaluated one at a time, and a rule
   * never re-enters its own node (recursion is a compile error).
   */
  private final class SingleValue implements Cont, VCont {
    private State st;
    private String conflict;
    Value value;
    /** The first rule of the else chain being evaluated, for the conflict's location. */
    PRule chain;
    /** The rule whose body is being evaluated, and its frame. */
    private PRule rule;
    private Value[] f;
    /** Whether the current rule's body had a solution. */
    private boolean any;

    /** Readies this instance for another node's rules. */
    void reset(State st, String conflict) {
      this.st = st;
      this.conflict = conflict;
      value = null;
      chain = null;
      rule = null;
      f = null;
      any = false;
    }

    void start(PRule r, Value[] frame) {
      rule = r;
      f = frame;
      any = false;
    }

    @Override
    public boolean run() {
      any = true;
      coverHead(rule);
      boolean stop = evalTerm(rule.value, f, st, this);
      return stop || rule.constantValue;
    }

    @Override
    public boolean accept(Value v) {
      if (value == null) {
        value = v;
      } else if (!value.equals(v)) {
        throw new EvalException(EvalException.CONFLICT, conflict, chain.location);
      }
      return false;
    }
  }

  private static final String COMPLETE_CONFLICT = "complete rules must not produce multiple outputs";
  private static final String FUNCTION_CONFLICT =
      "functions must not produce multiple outputs for same inputs";

  // Rule and function values nest (a rule's body asks for another rule's value), strictly in
  // last-in first-out order, so their collectors are kept on a stack and reused: one evaluation
  // asks for dozens of them.
  private final ReuseStack<SingleValue> singleValues = new ReuseStack<>(SingleValue::new);

  private SingleValue acquireSingleValue(State st, String conflict) {
    SingleValue s = singleValues.push();
    s.reset(st, conflict);
    return s;
  }

  private void releaseSingleValue() {
    singleValues.pop().reset(null, null); // drop references to this evaluation's values
  }

  private void coverHead(PRule r) {
    if (run.coverage != null) {
      run.coverage.hit(r.location);
    }
  }

  /** A default value: ground, though possibly a comprehension that needs evaluating. */
  private Value defaultValue(PRule rule, State st) {
    if (run.coverage != null) {
      run.coverage.hit(rule.location);
    }
    return evalOne(rule.value, newFrame(rule.frameSize), st);
  }

  /**
   * Evaluates a rule (and its else chain when the body has no solution), giving the head value
   * of each solution to {@code out}. {@code args} binds function parameters; null for other
   * rules.
   */
  private void evalRuleChain(PRule first, Value[] args, SingleValue out) {
    State st = out.st;
    for (PRule r = first; r != null; r = r.elseRule) {
      Value[] f = newFrame(r.frameSize);
      out.start(r, f);
      if (args == null) {
        evalBody(r.body, 0, f, st, out);
      } else if (r.simpleParams) {
        // The frame is new and dropped afterwards: its bindings need no undoing.
        if (bindSimpleParams(r.params, args, f)) {
          evalBody(r.body, 0, f, st, out);
        }
      } else if (allDirectPatterns(r.params, f, st)) {
        int mark = trailTop;
        try {
          if (unifyAllDirect(r.params, args, f, st)) {
            evalBody(r.body, 0, f, st, out);
          }
        } finally {
          undo(mark);
        }
      } else {
        PRule rule = r;
        bindParams(r.params, args, 0, f, st, () -> evalBody(rule.body, 0, f, st, out));
      }
      if (out.any) {
        return;
      }
    }
  }

  /** Binds variable parameters, checks constant ones (and a variable given twice). */
  private static boolean bindSimpleParams(PTerm[] params, Value[] args, Value[] f) {
    for (int i = 0; i < params.length; i++) {
      if (!bindSimpleParam(params[i], args[i], f)) {
        return false;
      }
    }
    return true;
  }

  private static boolean bindSimpleParam(PTerm param, Value arg, Value[] f) {
    if (param instanceof PTerm.Local l) {
      Value cur = f[l.slot()];
      if (cur == null) {
        f[l.slot()] = arg;
        return true;
      }
      return cur.equals(arg);
    }
    return ((PTerm.Const) param).value().equals(arg);
  }

  private static boolean allDirectPatterns(PTerm[] ps, Value[] f, State st) {
    for (PTerm p : ps) {
      if (!isDirectPattern(p, f, st)) {
        return false;
      }
    }
    return true;
  }

  private boolean unifyAllDirect(PTerm[] ps, Value[] vs, Value[] f, State st) {
    for (int i = 0; i < ps.length; i++) {
      if (!unifyDirect(ps[i], vs[i], f, st)) {
        return false;
      }
    }
    return true;
  }

  private boolean bindParams(PTerm[] params, Value[] args, int i, Value[] f, State st, Cont k) {
    if (i == params.length) {
      return k.run();
    }
    return unifyValue(params[i], args[i], f, st, () -> bindParams(params, args, i + 1, f, st, k));
  }

  private Value multiValue(DocNode node, State st) {
    Value cached = st.memo(node.memoSlot);
    if (cached != null) {
      return cached;
    }
    SetMembers members = new SetMembers(st);
    for (PRule r : candidates(node, st)) {
      members.rule = r;
      members.f = newFrame(r.frameSize);
      evalBody(r.body, 0, members.f, st, members);
    }
    Value v = members.out == null ? SetValue.EMPTY : members.out.build();
    st.memo(node.memoSlot, v);
    return v;
  }

  /** The end of each body of a multi-value rule: adds the head value of each solution. */
  private final class SetMembers implements Cont, VCont {
    /** Made on the first member: many such rules (reasons to deny, say) end up empty. */
    SetValue.Builder out;
    private final State st;
    PRule rule;
    Value[] f;

    SetMembers(State st) {
      this.st = st;
    }

    @Override
    public boolean run() {
      return evalTerm(rule.value, f, st, this);
    }

    @Override
    public boolean accept(Value v) {
      coverHead(rule);
      if (out == null) {
        out = SetValue.builder();
      }
      out.add(v);
      return false;
    }
  }

  private record Lookup(DocNode node, Value key) {}

  /** Whether a multi-value rule contains {@code key}, evaluating only what can produce it. */
  private boolean multiContains(DocNode node, Value key, State st) {
    Value full = st.memo(node.memoSlot);
    if (full instanceof SetValue s) {
      return s.contains(key);
    }
    Lookup lk = new Lookup(node, key);
    Value cached = st.memo.get(lk);
    if (cached != null) {
      return cached == BooleanValue.TRUE;
    }
    boolean found = false;
    for (PRule r : candidates(node, st)) {
      if (r.value instanceof PTerm.Const c && !c.value().equals(key)) {
        continue;
      }
      Value[] f = newFrame(r.frameSize);
      if (r.value instanceof PTerm.Local l) {
        f[l.slot()] = key;
      }
      found = evalBody(r.body, 0, f, st, () -> evalTerm(r.value, f, st, v -> {
        if (!key.equals(v)) {
          return false;
        }
        coverHead(r);
        return true;
      }));
      if (found) {
        break;
      }
    }
    st.memo.put(lk, BooleanValue.of(found));
    return found;
  }

  /** {@code p[key]} for object rules with one key segment, without computing the whole object. */
  private Value objectLookup(DocNode node, Value key, State st) {
    Value full = st.memo(node.memoSlot);
    if (full != null) {
      return full == UNDEFINED ? null : select(full, key);
    }
    Lookup lk = new Lookup(node, key);
    Value cached = st.memo.get(lk);
    if (cached != null) {
      return cached == UNDEFINED ? null : cached;
    }
    Value[] result = {null};
    Set<Value> set = new HashSet<>();
    boolean[] isSet = {false};
    for (PRule r : candidates(node, st)) {
      PTerm keyTerm = r.keyPath[0];
      if (keyTerm instanceof PTerm.Const c && !c.value().equals(key)) {
        continue;
      }
      Value[] f = newFrame(r.frameSize);
      if (keyTerm instanceof PTerm.Local l) {
        f[l.slot()] = key;
      }
      evalBody(r.body, 0, f, st, () -> evalTerm(keyTerm, f, st, kv -> kv.equals(key)
          && evalTerm(r.value, f, st, v -> {
            coverHead(r);
            if (r.contains) {
              isSet[0] = true;
              set.add(v);
            } else if (result[0] == null) {
              result[0] = v;
            } else if (!result[0].equals(v)) {
              throw new EvalException(EvalException.CONFLICT, "object keys must be unique", r.location);
            }
            return false;
          })));
    }
    Value v = isSet[0] ? SetValue.wrap(set) : result[0];
    st.memo.put(lk, v == null ? UNDEFINED : v);
    return v;
  }

  /** The object defined by rules with variables in their head references, merged with child rules. */
  private Value objectValue(DocNode node, State st) {
    Value cached = st.memo(node.memoSlot);
    if (cached != null) {
      return cached == UNDEFINED ? null : cached;
    }
    DocBuilder doc = new DocBuilder();
    for (PRule r : node.rules) {
      Value[] f = newFrame(r.frameSize);
      Value[] keys = new Value[r.keyPath.length];
      evalBody(r.body, 0, f, st, () -> evalItems(r.keyPath, 0, keys, f, st,
          () -> evalTerm(r.value, f, st, v -> {
            coverHead(r);
            doc.put(keys, v, r.contains, r.location);
            return false;
          })));
    }
    for (Map.Entry<Value, DocNode> e : node.children.entrySet()) {
      if (!e.getValue().hasRules) {
        continue;
      }
      DocNode child = e.getValue();
      Value v = child.kind == DocNode.Kind.NAMESPACE
          ? namespaceValue(child, null, null, st)
          : ruleNodeValue(child, null, null, st);
      if (v != null) {
        doc.put(new Value[] {e.getKey()}, v, false, child.rules.isEmpty() ? null : child.rules.get(0).location);
      }
    }
    Value v = doc.build();
    st.memo(node.memoSlot, v);
    return v;
  }

  // ================================================================ calls

  private boolean evalCall(PTerm.Call c, Value[] f, State st, VCont k) {
    if (c.builtin() != null && c.builtin().name().equals("print")) {
      return evalPrint(c, f, st, k);
    }
    Value[] args = new Value[c.args().length];
    return evalItems(c.args(), 0, args, f, st, () -> invoke(c, args.clone(), st, k));
  }

  private boolean invoke(PTerm.Call c, Value[] args, State st, VCont k) {
    if (!st.noMocks) {
      State.Mock m = st.mocks.get(c.name());
      if (m != null) {
        if (m.value() != null) {
          return k.accept(m.value());
        }
        // A replacement runs with no mocks in force: inside it, the names it replaces (and any
        // other mocked name) mean the originals again, as in OPA.
        State unmocked = new State(st.input, st.overlay, Map.of(), st.memoLength(), st.memoSlots);
        return invokeTarget(m.function(), c.location(), args, unmocked, k);
      }
    }
    return invokeTarget(c, c.location(), args, st, k);
  }

  private boolean invokeTarget(PTerm.Call c, Location loc, Value[] args, State st, VCont k) {
    if (c.function() != null) {
      Value v = callFunction(c.function(), args, st);
      return v != null && k.accept(v);
    }
    Builtin b = c.builtin();
    if (b.isRelation()) {
      if (!b.variadic() && args.length != b.arity()) {
        return false;
      }
      run.builtinStep();
      List<Value> outs = new ArrayList<>();
      try {
        b.relation().call(run, args, outs::add);
      } catch (RuntimeException | StackOverflowError e) {
        return builtinFailure(b, e, loc) != null;
      }
      for (Value v : outs) {
        if (k.accept(v)) {
          return true;
        }
      }
      return false;
    }
    Value v = callBuiltin(b, args, loc);
    return v != null && k.accept(v);
  }

  /**
   * A call of one of the {@link Intrinsics}, whose operands are direct: evaluated into locals and
   * called by number, with the same step count and failure handling as {@link #callBuiltin}.
   */
  private Value intrinsicDirect(Builtin b, PTerm.Call c, Value[] f, State st) {
    PTerm[] operands = c.args();
    Value x = evalDirect(operands[0], f, st);
    if (x == null) {
      return null;
    }
    Value y = null;
    if (operands.length > 1 && (y = evalDirect(operands[1], f, st)) == null) {
      return null;
    }
    Value z = null;
    if (operands.length > 2 && (z = evalDirect(operands[2], f, st)) == null) {
      return null;
    }
    run.builtinStep();
    try {
      return Intrinsics.call(b.intrinsic(), x, y, z);
    } catch (RuntimeException | StackOverflowError e) {
      return builtinFailure(b, e, c.location());
    }
  }

  /** Calls a built-in function (not a relation): its value, or null when undefined. */
  private Value callBuiltin(Builtin b, Value[] args, Location loc) {
    if (!b.variadic() && args.length != b.arity()) {
      return null;
    }
    run.builtinStep();
    try {
      return b.function().call(run, args);
    } catch (RuntimeException | StackOverflowError e) {
      return builtinFailure(b, e, loc);
    }
  }

  /**
   * A built-in failed. Evaluation errors (a deadline, a conflict) pass through; otherwise it is
   * an error in strict mode and undefined (null) by default.
   */
  private Value builtinFailure(Builtin b, Throwable e, Location loc) {
    switch (e) {
      case EvalException ee -> throw ee;
      case BuiltinException be -> builtinError(b.name(), be.code(), be.getMessage(), loc);
      case StackOverflowError so -> throw new EvalException(EvalException.INTERNAL, b.name() + ": nesting too deep", loc);
      default -> builtinError(b.name(), EvalException.BUILTIN, String.valueOf(e.getMessage()), loc);
    }
    return null;
  }

  /** Strict mode: an error. Default mode: the call is undefined, as in OPA. */
  private boolean builtinError(String name, String code, String message, Location loc) {
    if (run.strict()) {
      throw new EvalException(code, name + ": " + message, loc);
    }
    return false;
  }

  /** Calls a user function: conflicting outputs are an error; no output is undefined. */
  Value callFunction(DocNode node, Value[] args, State st) {
    if (node.constantValues && run.coverage == null) {
      return constantValue(node, node.rules, args, st, FUNCTION_CONFLICT);
    }
    return singleValue(node, node.rules, args, st, FUNCTION_CONFLICT);
  }

  /** A predicate's constant value if its body, in the bound frame, has a solution; else null. */
  private Value predicateValue(PRule r, Value[] frame, State st) {
    return evalBody(r.body, 0, frame, st, STOP) ? ((PTerm.Const) r.value).value() : null;
  }

  /**
   * A call of a predicate ({@link DocNode#predicate}: a function of one rule with a constant
   * value and plain parameters, such as {@code present(obj, key)}) whose arguments are direct:
   * the body runs straight to its first solution, and each argument's value goes
   * straight into the callee's frame, with no array of arguments in between (a permit makes
   * dozens of these calls). As for any call, every argument is evaluated, in order, before a constant
   * or repeated parameter can reject the call, so built-in errors in arguments surface alike.
   */
  private Value predicateDirect(PRule r, PTerm[] args, Value[] f, State st) {
    Value[] frame = newFrame(r.frameSize);
    boolean bound = true;
    for (int i = 0; i < args.length; i++) {
      Value v = evalDirect(args[i], f, st);
      if (v == null) {
        return null;
      }
      if (bound) {
        bound = bindSimpleParam(r.params[i], v, frame);
      }
    }
    return bound ? predicateValue(r, frame, st) : null;
  }

  /** {@code print} sees every value of each operand, and {@code <undefined>} for none. */
  private boolean evalPrint(PTerm.Call c, Value[] f, State st, VCont k) {
    List<List<Value>> operands = new ArrayList<>();
    for (PTerm a : c.args()) {
      List<Value> vs = new ArrayList<>();
      try {
        evalTerm(a, f, st, v -> {
          vs.add(v);
          return false;
        });
      } catch (EvalException e) {
        if (e.code().equals(EvalException.CANCEL)) {
          throw e;
        }
      }
      if (vs.isEmpty()) {
        vs.add(null);
      }
      operands.add(vs);
    }
    printCombinations(c, operands, 0, new Value[operands.size()], st);
    return k.accept(BooleanValue.TRUE);
  }

  private void printCombinations(PTerm.Call c, List<List<Value>> ops, int i, Value[] cur, State st) {
    if (i == ops.size()) {
      invokeTarget(c, c.location(), cur.clone(), st, v -> false);
      return;
    }
    for (Value v : ops.get(i)) {
      cur[i] = v;
      printCombinations(c, ops, i + 1, cur, st);
    }
  }
}
