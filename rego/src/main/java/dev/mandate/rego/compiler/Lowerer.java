package dev.mandate.rego.compiler;

import dev.mandate.rego.RegoError;
import dev.mandate.rego.ast.Expr;
import dev.mandate.rego.ast.Location;
import dev.mandate.rego.ast.Rule;
import dev.mandate.rego.ast.Term;
import dev.mandate.rego.builtins.Builtin;
import dev.mandate.rego.plan.DocNode;
import dev.mandate.rego.plan.PBody;
import dev.mandate.rego.plan.PExpr;
import dev.mandate.rego.plan.PTerm;
import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.CanonicalStrings;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the AST of one rule (or one query) into its compiled form: resolves names to frame
 * slots, {@code input}, {@code data} references, functions and built-ins; checks scoping of
 * {@code :=} and {@code some}; orders every body for safety; folds constant literals.
 */
final class Lowerer {
  private final CompileContext ctx;
  private final CompileContext.ModuleContext mod;
  private final SlotAllocator slots = new SlotAllocator();
  private final VarAnalysis vars = new VarAnalysis();
  private final List<String> slotNames = new ArrayList<>();

  Lowerer(CompileContext ctx, CompileContext.ModuleContext mod) {
    this.ctx = ctx;
    this.mod = mod;
  }

  int frameSize() {
    return slots.size();
  }

  // ---------------------------------------------------------------- rules

  /** The compiled parts of one rule; the compiler assembles the {@link dev.mandate.rego.plan.PRule}. */
  record LoweredRule(PTerm[] params, PTerm[] keyPath, PTerm value, PBody body, int frameSize) {}

  LoweredRule lowerRule(Rule rule, Rule.Head head, int consumed) {
    Set<String> direct = new HashSet<>();
    NameCollector.direct(rule.body(), direct);
    if (head.args() != null) {
      head.args().forEach(a -> NameCollector.term(a, direct));
    }
    Scope top = new Scope(null, slots, direct);

    BitSet bound = new BitSet();
    PTerm[] params = null;
    if (head.args() != null) {
      params = new PTerm[head.args().size()];
      for (int i = 0; i < params.length; i++) {
        params[i] = declarePattern(head.args().get(i), top, true);
        bound.or(vars.allVars(params[i]));
      }
    }
    List<PExpr> exprs = lowerExprs(rule.body(), top);
    List<PTerm> keyPath = new ArrayList<>();
    for (int i = consumed; i < head.ref().path().size(); i++) {
      keyPath.add(term(head.ref().path().get(i), top));
    }
    PTerm value = term(head.value(), top);
    BitSet after = (BitSet) bound.clone();
    PBody body = order(exprs, after);
    BitSet headNeeds = new BitSet();
    keyPath.forEach(k -> vars.valueNeeds(k, headNeeds));
    vars.valueNeeds(value, headNeeds);
    if (body != null) {
      reportUnsafe(headNeeds, after, head.location());
    }
    return new LoweredRule(params, keyPath.toArray(new PTerm[0]), value,
        body == null ? PBody.EMPTY : body, slots.size());
  }

  // ---------------------------------------------------------------- queries

  /** A compiled query and its named variables (slot by name). */
  record LoweredQuery(PBody body, Map<String, Integer> namedVars, int frameSize) {}

  LoweredQuery lowerQuery(List<Expr> exprs, List<String> texts) {
    Set<String> direct = new HashSet<>();
    NameCollector.direct(exprs, direct);
    Scope top = new Scope(null, slots, direct);
    List<PExpr> lowered = new ArrayList<>();
    // As OPA's query compiler does: every top-level term expression keeps its value, evaluated
    // under its own `with` modifiers, in a generated slot of its own for the query to report. A
    // query of one term expression that does not iterate also succeeds on false (`data.x`
    // answers false; `1 > 2` answers false); in longer queries, or ones that iterate, a false
    // term still fails the query.
    boolean capture = exprs.size() == 1 && !IterationCheck.iterates(exprs.get(0), ctx.builtins);
    for (PExpr e : lowerExprs(exprs, top, texts)) {
      if (!e.negated() && e.node() instanceof PExpr.TermNode t) {
        PTerm.Local slot = generated(top, "$capture" + lowered.size());
        e = new PExpr(e.location(), false, new PExpr.TermNode(t.term(), capture, slot.slot()),
            e.withs(), e.text());
      }
      lowered.add(e);
    }
    PBody body = order(lowered, new BitSet());
    Map<String, Integer> named = new java.util.LinkedHashMap<>();
    for (int slot = 0; slot < slots.size(); slot++) {
      if (slots.owner(slot) == top && !slots.isGenerated(slot)) {
        named.put(slotNames.get(slot), slot);
      }
    }
    return new LoweredQuery(body == null ? PBody.EMPTY : body, named, slots.size());
  }

  // ---------------------------------------------------------------- bodies

  private List<PExpr> lowerExprs(List<Expr> exprs, Scope scope) {
    return lowerExprs(exprs, scope, null);
  }

  private List<PExpr> lowerExprs(List<Expr> exprs, Scope scope, List<String> texts) {
    List<PExpr> out = new ArrayList<>(exprs.size());
    for (int i = 0; i < exprs.size(); i++) {
      PExpr e = lowerExpr(exprs.get(i), scope, texts == null ? null : texts.get(i));
      if (e != null) {
        out.add(e);
      }
    }
    return out;
  }

  private PExpr lowerExpr(Expr e, Scope s, String text) {
    PExpr.Node node;
    switch (e.node()) {
      case Expr.SomeDecl d -> {
        for (Term.Var v : d.vars()) {
          declareVar(v, s, false);
        }
        if (e.negated()) {
          ctx.error(RegoError.PARSE, "some declarations cannot be negated", e.location());
        }
        return null;
      }
      case Expr.Assign a -> {
        PTerm right = term(a.right(), s);
        PTerm left = declarePattern(a.left(), s, false);
        node = new PExpr.UnifyNode(left, right);
      }
      case Expr.Unify u -> node = new PExpr.UnifyNode(term(u.left(), s), term(u.right(), s));
      case Expr.TermExpr t -> node = termExpr(t.term(), s);
      case Expr.SomeIn si -> {
        PTerm coll = term(si.collection(), s);
        PTerm key = si.key() == null ? null : declarePattern(si.key(), s, true);
        PTerm value = declarePattern(si.value(), s, true);
        node = new PExpr.SomeInNode(key, value, coll);
      }
      case Expr.Every ev -> node = every(ev, s);
    }
    // Most expressions have no modifier: they share one empty array, which the evaluator's
    // check of every expression then finds in cache instead of loading one array per expression.
    PExpr.PWith[] withs =
        e.withs().isEmpty() ? PExpr.NO_WITHS : new PExpr.PWith[e.withs().size()];
    for (int i = 0; i < withs.length; i++) {
      withs[i] = with(e.withs().get(i), s);
    }
    return new PExpr(e.location(), e.negated(), node, withs, text);
  }

  /** A term used as an expression; a call with one argument more than its arity binds an output. */
  private PExpr.Node termExpr(Term t, Scope s) {
    if (t instanceof Term.Call c) {
      CallTarget target = resolveCall(c);
      if (target == null) {
        return new PExpr.TermNode(new PTerm.Const(dev.mandate.rego.value.BooleanValue.FALSE));
      }
      if (target.arity >= 0 && c.args().size() == target.arity + 1) {
        List<PTerm> args = new ArrayList<>();
        for (int i = 0; i < target.arity; i++) {
          args.add(term(c.args().get(i), s));
        }
        PTerm.Call call = new PTerm.Call(target.name, target.builtin, target.function,
            args.toArray(new PTerm[0]), c.location());
        PTerm out = term(c.args().get(target.arity), s);
        return new PExpr.UnifyNode(out, call);
      }
    }
    return new PExpr.TermNode(term(t, s));
  }

  private PExpr.Node every(Expr.Every ev, Scope s) {
    PTerm domain = term(ev.domain(), s);
    Set<String> direct = new HashSet<>();
    NameCollector.direct(ev.body(), direct);
    Scope inner = s.child(direct);
    PTerm.Local key = ev.key() == null ? null : declareVar(ev.key(), inner, true);
    PTerm.Local value = declareVar(ev.value(), inner, true);
    List<PExpr> exprs = lowerExprs(ev.body(), inner);
    BitSet bound = outerSlots(inner);
    if (key != null) {
      bound.set(key.slot());
    }
    bound.set(value.slot());
    PBody body = order(exprs, bound);
    PExpr.EveryNode node = new PExpr.EveryNode(key, value, domain, body == null ? PBody.EMPTY : body);
    vars.setClosure(node, closureOf(inner, body, null, null));
    return node;
  }

  private PExpr.PWith with(Expr.With w, Scope s) {
    Term.Ref target = w.target();
    PTerm value = null;
    if (target.head() instanceof Term.Var hv && (hv.name().equals("input") || hv.name().equals("data"))
        && s.lookup(hv.name()) == null && !isFunctionRef(target, s)) {
      Value[] path = new Value[target.path().size()];
      for (int i = 0; i < path.length; i++) {
        if (!(target.path().get(i) instanceof Term.Scalar sc && sc.value() instanceof StringValue)) {
          ctx.error(RegoError.TYPE, "with keyword target must reference existing input, data, or a function",
              w.location());
          path[i] = StringValue.EMPTY;
          continue;
        }
        path[i] = sc.value();
      }
      value = term(w.value(), s);
      if (hv.name().equals("input")) {
        return new PExpr.WithInput(path, value);
      }
      if (path.length == 0) {
        ctx.error(RegoError.TYPE, "with keyword target must reference existing input, data, or a function",
            w.location());
      }
      return new PExpr.WithData(path, value);
    }
    CallTarget t = resolveCall(new Term.Call(target, List.of(), target.location()));
    if (t == null) {
      return new PExpr.WithInput(new Value[0], term(w.value(), s));
    }
    // The replacement is a function when it names one; otherwise a value.
    CallTarget replacement = null;
    if (w.value() instanceof Term.Ref r && isFunctionRef(r, s)) {
      replacement = resolveCall(new Term.Call(r, List.of(), r.location()));
    } else if (w.value() instanceof Term.Var v && s.lookup(v.name()) == null
        && isFunctionRef(new Term.Ref(v, List.of(), v.location()), s)) {
      replacement = resolveCall(new Term.Call(new Term.Ref(v, List.of(), v.location()), List.of(), v.location()));
    }
    if (replacement != null) {
      PTerm.Call call = new PTerm.Call(replacement.name, replacement.builtin, replacement.function,
          new PTerm[0], w.location());
      return new PExpr.WithFunction(t.name, call, null);
    }
    return new PExpr.WithFunction(t.name, null, term(w.value(), s));
  }

  /** True when the reference names a user function or a built-in rather than a document. */
  private boolean isFunctionRef(Term.Ref r, Scope s) {
    if (r.head() instanceof Term.Var v && s.lookup(v.name()) != null) {
      return false;
    }
    String name = dottedName(r);
    if (name == null) {
      return false;
    }
    List<String> path = functionPath(r);
    if (path != null) {
      DocNode n = ctx.node(path);
      return n != null && n.kind == DocNode.Kind.FUNCTION;
    }
    return ctx.builtins.contains(name);
  }

  // ---------------------------------------------------------------- ordering

  /**
   * Orders expressions so each runs only when what it needs is bound, keeping source order where
   * possible (as OPA does). Reports unsafe variables and returns null when no order exists.
   * On return {@code bound} holds every variable the body binds.
   */
  private PBody order(List<PExpr> exprs, BitSet bound) {
    List<PExpr> remaining = new ArrayList<>(exprs);
    List<PExpr> ordered = new ArrayList<>(exprs.size());
    while (!remaining.isEmpty()) {
      boolean progress = false;
      for (int i = 0; i < remaining.size(); i++) {
        PExpr e = remaining.get(i);
        BitSet out = outputs(e, bound);
        if (out != null) {
          bound.or(out);
          ordered.add(e);
          remaining.remove(i);
          progress = true;
          break;
        }
      }
      if (!progress) {
        for (PExpr e : remaining) {
          BitSet all = vars.nodeVars(e.node());
          for (PExpr.PWith w : e.withs()) {
            if (w.value() != null) {
              all.or(vars.allVars(w.value()));
            }
          }
          reportUnsafe(all, bound, e.location());
        }
        return null;
      }
    }
    return new PBody(ordered.toArray(new PExpr[0]));
  }

  private BitSet outputs(PExpr e, BitSet bound) {
    for (PExpr.PWith w : e.withs()) {
      if (w.value() != null && !VarAnalysis.subset(vars.valueNeeds(w.value()), bound)) {
        return null;
      }
    }
    if (e.negated()) {
      BitSet all = vars.nodeVars(e.node());
      for (int slot = all.nextSetBit(0); slot >= 0; slot = all.nextSetBit(slot + 1)) {
        if (slots.isGenerated(slot)) {
          all.clear(slot);
        }
      }
      return VarAnalysis.subset(all, bound) ? new BitSet() : null;
    }
    return vars.exprOutputs(e.node(), bound);
  }

  private void reportUnsafe(BitSet needed, BitSet bound, Location loc) {
    BitSet missing = (BitSet) needed.clone();
    missing.andNot(bound);
    List<String> names = new ArrayList<>();
    for (int slot = missing.nextSetBit(0); slot >= 0; slot = missing.nextSetBit(slot + 1)) {
      if (!slots.isGenerated(slot)) {
        names.add(slotNames.get(slot));
      }
    }
    names.stream().distinct().sorted()
        .forEach(n -> ctx.error(RegoError.UNSAFE_VAR, "var " + n + " is unsafe", loc));
  }

  // ---------------------------------------------------------------- terms

  /**
   * Strings of the policy as the one shared value per string ({@link CanonicalStrings}), their
   * text interned. Request bodies parsed by {@code Json.parse(byte[])} carry those same values
   * as member names, and other parsed documents carry interned names (Jackson's default), so a
   * policy's {@code input.subject_token} and the input's key are the same object or hold the
   * same {@code String}, and each lookup's equality check ends at an identity test.
   */
  private static Value canonical(Value v) {
    return v instanceof StringValue sv ? CanonicalStrings.register(sv.value()) : v;
  }

  PTerm term(Term t, Scope s) {
    return switch (t) {
      case Term.Scalar sc -> new PTerm.Const(canonical(sc.value()));
      case Term.Var v -> var(v, s);
      case Term.Ref r -> ref(r, s);
      case Term.ArrayTerm a -> {
        PTerm[] items = terms(a.items(), s);
        Value[] c = constants(items);
        yield c != null ? new PTerm.Const(ArrayValue.wrap(c)) : new PTerm.ArrayLit(items);
      }
      case Term.SetTerm st -> {
        PTerm[] items = terms(st.items(), s);
        Value[] c = constants(items);
        yield c != null ? new PTerm.Const(SetValue.of(c)) : new PTerm.SetLit(items);
      }
      case Term.ObjectTerm o -> {
        PTerm[] keys = terms(o.keys(), s);
        PTerm[] values = terms(o.values(), s);
        Value[] ck = constants(keys);
        Value[] cv = constants(values);
        if (ck != null && cv != null) {
          Map<Value, Value> m = new HashMap<>();
          boolean conflict = false;
          for (int i = 0; i < ck.length; i++) {
            Value prev = m.put(ck[i], cv[i]);
            conflict |= prev != null && !prev.equals(cv[i]);
          }
          if (!conflict) {
            yield new PTerm.Const(ObjectValue.wrap(m));
          }
        }
        yield new PTerm.ObjectLit(keys, values);
      }
      case Term.ArrayComprehension c -> {
        Scope inner = comprehensionScope(c.body(), List.of(c.head()), s);
        List<PExpr> exprs = lowerExprs(c.body(), inner);
        PTerm head = term(c.head(), inner);
        PBody body = comprehensionBody(exprs, inner, List.of(head), c.location());
        PTerm.ArrayCompr out = new PTerm.ArrayCompr(head, body);
        vars.setClosure(out, closureOf(inner, body, head, null));
        yield out;
      }
      case Term.SetComprehension c -> {
        Scope inner = comprehensionScope(c.body(), List.of(c.head()), s);
        List<PExpr> exprs = lowerExprs(c.body(), inner);
        PTerm head = term(c.head(), inner);
        PBody body = comprehensionBody(exprs, inner, List.of(head), c.location());
        PTerm.SetCompr out = new PTerm.SetCompr(head, body);
        vars.setClosure(out, closureOf(inner, body, head, null));
        yield out;
      }
      case Term.ObjectComprehension c -> {
        Scope inner = comprehensionScope(c.body(), List.of(c.key(), c.value()), s);
        List<PExpr> exprs = lowerExprs(c.body(), inner);
        PTerm key = term(c.key(), inner);
        PTerm value = term(c.value(), inner);
        PBody body = comprehensionBody(exprs, inner, List.of(key, value), c.location());
        PTerm.ObjectCompr out = new PTerm.ObjectCompr(key, value, body);
        vars.setClosure(out, closureOf(inner, body, key, value));
        yield out;
      }
      case Term.Call c -> call(c, s);
    };
  }

  private PTerm[] terms(List<Term> ts, Scope s) {
    PTerm[] out = new PTerm[ts.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = term(ts.get(i), s);
    }
    return out;
  }

  private static Value[] constants(PTerm[] ts) {
    Value[] out = new Value[ts.length];
    for (int i = 0; i < ts.length; i++) {
      if (!(ts[i] instanceof PTerm.Const c)) {
        return null;
      }
      out[i] = c.value();
    }
    return out;
  }

  private Scope comprehensionScope(List<Expr> body, List<Term> heads, Scope s) {
    Set<String> direct = new HashSet<>();
    NameCollector.direct(body, direct);
    heads.forEach(h -> NameCollector.term(h, direct));
    return s.child(direct);
  }

  private PBody comprehensionBody(List<PExpr> exprs, Scope inner, List<PTerm> heads, Location loc) {
    BitSet bound = outerSlots(inner);
    PBody body = order(exprs, bound);
    if (body == null) {
      return PBody.EMPTY;
    }
    BitSet needs = new BitSet();
    heads.forEach(h -> vars.valueNeeds(h, needs));
    reportUnsafe(needs, bound, loc);
    return body;
  }

  /** Slots owned by scopes enclosing {@code inner}: bound by the time its body runs. */
  private BitSet outerSlots(Scope inner) {
    BitSet b = new BitSet();
    for (int slot = 0; slot < slots.size(); slot++) {
      if (!inner.isAncestorOrSelf(slots.owner(slot))) {
        b.set(slot);
      }
    }
    return b;
  }

  /** The outer slots a nested body reads. */
  private BitSet closureOf(Scope inner, PBody body, PTerm head1, PTerm head2) {
    BitSet used = new BitSet();
    if (body != null) {
      LocalCollector.body(body, used, vars);
    }
    if (head1 != null) {
      LocalCollector.term(head1, used, vars);
    }
    if (head2 != null) {
      LocalCollector.term(head2, used, vars);
    }
    BitSet out = new BitSet();
    for (int slot = used.nextSetBit(0); slot >= 0; slot = used.nextSetBit(slot + 1)) {
      if (!inner.isAncestorOrSelf(slots.owner(slot))) {
        out.set(slot);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- variables

  private PTerm var(Term.Var v, Scope s) {
    if (v.isWildcard()) {
      return generated(s, v.name());
    }
    PTerm.Local l = s.lookup(v.name());
    if (l != null) {
      return l;
    }
    PTerm global = global(v.name(), List.of(), v.location(), s);
    if (global != null) {
      return global;
    }
    Scope owner = s.ownerFor(v.name());
    PTerm.Local created = owner.get(v.name());
    return created != null ? created : named(owner, v.name());
  }

  private PTerm.Local generated(Scope s, String name) {
    PTerm.Local l = s.create(name, true);
    slotNames.add(name);
    slots.markGenerated(l.slot());
    return l;
  }

  private PTerm.Local named(Scope s, String name) {
    PTerm.Local l = s.create(name, false);
    slotNames.add(name);
    return l;
  }

  /** {@code some x} / {@code x :=}: a new variable in this scope. */
  private PTerm.Local declareVar(Term.Var v, Scope s, boolean allowRedeclare) {
    if (v.isWildcard()) {
      return generated(s, v.name());
    }
    PTerm.Local existing = s.get(v.name());
    if (existing != null && !s.isDeclaredHere(v.name()) && !allowRedeclare) {
      ctx.error(RegoError.COMPILE, "var " + v.name() + " referenced above", v.location());
      return existing;
    }
    PTerm.Local l = s.declare(v.name());
    if (l == null) {
      if (!allowRedeclare) {
        ctx.error(RegoError.COMPILE, "var " + v.name() + " assigned above", v.location());
      }
      return s.get(v.name());
    }
    slotNames.add(v.name());
    return l;
  }

  /** The left of {@code :=}, a function parameter, or a {@code some ... in} pattern. */
  private PTerm declarePattern(Term t, Scope s, boolean lenient) {
    return switch (t) {
      case Term.Var v -> declareVar(v, s, lenient);
      case Term.ArrayTerm a -> {
        PTerm[] items = new PTerm[a.items().size()];
        for (int i = 0; i < items.length; i++) {
          items[i] = declarePattern(a.items().get(i), s, lenient);
        }
        Value[] c = constants(items);
        yield c != null ? new PTerm.Const(ArrayValue.wrap(c)) : new PTerm.ArrayLit(items);
      }
      case Term.ObjectTerm o -> {
        PTerm[] keys = terms(o.keys(), s);
        PTerm[] values = new PTerm[o.values().size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = declarePattern(o.values().get(i), s, lenient);
        }
        yield new PTerm.ObjectLit(keys, values);
      }
      case Term.Scalar sc -> new PTerm.Const(canonical(sc.value()));
      default -> {
        if (lenient) {
          yield term(t, s);
        }
        ctx.error(RegoError.COMPILE, "cannot assign to " + describe(t), t.location());
        yield term(t, s);
      }
    };
  }

  private static String describe(Term t) {
    return switch (t) {
      case Term.Ref r -> "ref";
      case Term.Call c -> "call";
      case Term.SetTerm st -> "set";
      default -> "term";
    };
  }

  /**
   * A name that is not a local variable: {@code input}, {@code data}, an import, or a rule of
   * the package. Null when it is none of these (a new local variable).
   */
  private PTerm global(String name, List<PTerm> rest, Location loc, Scope s) {
    switch (name) {
      case "input" -> {
        return new PTerm.Ref(PTerm.Root.INPUT, null, rest.toArray(new PTerm[0]), loc);
      }
      case "data" -> {
        return new PTerm.Ref(PTerm.Root.DATA, null, rest.toArray(new PTerm[0]), loc);
      }
      default -> {}
    }
    Term.Ref imported = mod.imports().get(name);
    if (imported != null) {
      Term.Var root = (Term.Var) imported.head();
      List<PTerm> path = new ArrayList<>();
      for (Term p : imported.path()) {
        path.add(term(p, s));
      }
      path.addAll(rest);
      return new PTerm.Ref(root.name().equals("input") ? PTerm.Root.INPUT : PTerm.Root.DATA, null,
          path.toArray(new PTerm[0]), loc);
    }
    if (mod.ruleNames().contains(name)) {
      List<PTerm> path = new ArrayList<>();
      for (String p : mod.packagePath()) {
        path.add(new PTerm.Const(StringValue.of(p.intern())));
      }
      path.add(new PTerm.Const(StringValue.of(name.intern())));
      path.addAll(rest);
      return new PTerm.Ref(PTerm.Root.DATA, null, path.toArray(new PTerm[0]), loc);
    }
    return null;
  }

  private PTerm ref(Term.Ref r, Scope s) {
    if (r.head() instanceof Term.Var v && !v.isWildcard() && s.lookup(v.name()) == null) {
      List<PTerm> rest = new ArrayList<>();
      for (Term p : r.path()) {
        rest.add(term(p, s));
      }
      PTerm g = global(v.name(), rest, r.location(), s);
      if (g != null) {
        return g;
      }
      PTerm head = var(v, s);
      return new PTerm.Ref(PTerm.Root.TERM, head, rest.toArray(new PTerm[0]), r.location());
    }
    PTerm head = term(r.head(), s);
    PTerm[] path = terms(r.path(), s);
    if (path.length == 0) {
      return head;
    }
    return new PTerm.Ref(PTerm.Root.TERM, head, path, r.location());
  }

  // ---------------------------------------------------------------- calls

  /** A resolved call target. {@code arity} is -1 for variadic built-ins. */
  record CallTarget(String name, Builtin builtin, DocNode function, int arity) {}

  private PTerm call(Term.Call c, Scope s) {
    CallTarget t = resolveCall(c);
    PTerm[] args = terms(c.args(), s);
    if (t == null) {
      return new PTerm.Const(dev.mandate.rego.value.NullValue.INSTANCE); // error already reported
    }
    if (t.arity >= 0 && args.length != t.arity) {
      ctx.error(RegoError.TYPE, t.name + ": arity mismatch\n\thave: " + args.length
          + " operand" + (args.length == 1 ? "" : "s") + "\n\twant: " + t.arity, c.location());
    }
    return new PTerm.Call(t.name, t.builtin, t.function, args, c.location());
  }

  /** Finds what a call names; reports unknown functions and returns null for them. */
  CallTarget resolveCall(Term.Call c) {
    Term.Ref op = c.operator();
    String name = dottedName(op);
    if (name == null) {
      ctx.error(RegoError.TYPE, "illegal call: operator must be a function name", c.location());
      return null;
    }
    List<String> fnPath = functionPath(op);
    if (fnPath != null) {
      DocNode n = ctx.node(fnPath);
      if (n != null && n.kind == DocNode.Kind.FUNCTION) {
        return new CallTarget(n.refText(), null, n, n.arity);
      }
      // A name from data or an import must be a user function; there is no built-in fallback.
      if (op.head() instanceof Term.Var hv
          && (hv.name().equals("data") || mod.imports().containsKey(hv.name()))) {
        ctx.error(RegoError.TYPE, "undefined function " + String.join(".", prefixData(fnPath)),
            c.location());
        return null;
      }
    }
    Builtin b = ctx.builtins.lookup(name);
    if (b == null) {
      ctx.error(RegoError.TYPE, "undefined function " + name, c.location());
      return null;
    }
    return new CallTarget(name, b, null, b.variadic() ? -1 : b.arity());
  }

  private static List<String> prefixData(List<String> p) {
    List<String> out = new ArrayList<>();
    out.add("data");
    out.addAll(p);
    return out;
  }

  /** The path below data a call operator would name as a user function, or null. */
  private List<String> functionPath(Term.Ref op) {
    if (!(op.head() instanceof Term.Var hv)) {
      return null;
    }
    List<String> segs = new ArrayList<>();
    for (Term p : op.path()) {
      if (!(p instanceof Term.Scalar sc && sc.value() instanceof StringValue sv)) {
        return null;
      }
      segs.add(sv.value());
    }
    if (hv.name().equals("data")) {
      return segs;
    }
    Term.Ref imported = mod.imports().get(hv.name());
    if (imported != null) {
      if (!(imported.head() instanceof Term.Var iv) || !iv.name().equals("data")) {
        return null;
      }
      List<String> out = new ArrayList<>();
      for (Term p : imported.path()) {
        if (!(p instanceof Term.Scalar sc && sc.value() instanceof StringValue sv)) {
          return null;
        }
        out.add(sv.value());
      }
      out.addAll(segs);
      return out;
    }
    if (mod.ruleNames().contains(hv.name())) {
      List<String> out = new ArrayList<>(mod.packagePath());
      out.add(hv.name());
      out.addAll(segs);
      return out;
    }
    return null;
  }

  /** {@code a.b.c} for a reference of plain names; null otherwise. */
  static String dottedName(Term.Ref r) {
    if (!(r.head() instanceof Term.Var v)) {
      return null;
    }
    StringBuilder sb = new StringBuilder(v.name());
    for (Term p : r.path()) {
      if (!(p instanceof Term.Scalar sc && sc.value() instanceof StringValue sv)) {
        return null;
      }
      sb.append('.').append(sv.value());
    }
    return sb.toString();
  }
}
