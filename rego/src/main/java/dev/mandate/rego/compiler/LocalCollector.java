package dev.mandate.rego.compiler;

import dev.mandate.rego.plan.PBody;
import dev.mandate.rego.plan.PExpr;
import dev.mandate.rego.plan.PTerm;
import java.util.BitSet;

/** Collects every frame slot a compiled body or term mentions, nested bodies included. */
final class LocalCollector {
  private LocalCollector() {}

  static void body(PBody body, BitSet out, VarAnalysis vars) {
    for (PExpr e : body.exprs()) {
      switch (e.node()) {
        case PExpr.TermNode t -> term(t.term(), out, vars);
        case PExpr.UnifyNode u -> {
          term(u.left(), out, vars);
          term(u.right(), out, vars);
        }
        case PExpr.SomeInNode s -> {
          if (s.key() != null) {
            term(s.key(), out, vars);
          }
          term(s.value(), out, vars);
          term(s.collection(), out, vars);
        }
        case PExpr.EveryNode ev -> {
          term(ev.domain(), out, vars);
          out.or(vars.closure(ev));
        }
      }
      for (PExpr.PWith w : e.withs()) {
        if (w.value() != null) {
          term(w.value(), out, vars);
        }
      }
    }
  }

  static void term(PTerm t, BitSet out, VarAnalysis vars) {
    switch (t) {
      case PTerm.Local l -> out.set(l.slot());
      case PTerm.Ref r -> {
        if (r.head() != null) {
          term(r.head(), out, vars);
        }
        for (PTerm p : r.path()) {
          term(p, out, vars);
        }
      }
      case PTerm.ArrayLit a -> {
        for (PTerm i : a.items()) {
          term(i, out, vars);
        }
      }
      case PTerm.SetLit s -> {
        for (PTerm i : s.items()) {
          term(i, out, vars);
        }
      }
      case PTerm.ObjectLit o -> {
        for (PTerm k : o.keys()) {
          term(k, out, vars);
        }
        for (PTerm v : o.values()) {
          term(v, out, vars);
        }
      }
      case PTerm.Call c -> {
        for (PTerm a : c.args()) {
          term(a, out, vars);
        }
      }
      case PTerm.ArrayCompr c -> out.or(vars.closure(c));
      case PTerm.SetCompr c -> out.or(vars.closure(c));
      case PTerm.ObjectCompr c -> out.or(vars.closure(c));
      case PTerm.Const c -> {}
    }
  }
}
