package dev.mandate.rego.compiler;

import dev.mandate.rego.ast.Expr;
import dev.mandate.rego.ast.Term;
import java.util.List;
import java.util.Set;

/**
 * Collects the variable names a body uses directly — not those only inside nested
 * comprehensions or every-bodies. A nested body that uses one of these names shares the outer
 * variable.
 */
final class NameCollector {
  private NameCollector() {}

  /**
   * Names the body uses directly, less those it declares ({@code :=}, {@code some}): a declared
   * variable exists only from its declaration on, so a comprehension before it has its own.
   */
  static void direct(List<Expr> body, Set<String> out) {
    Set<String> used = new java.util.HashSet<>();
    Set<String> declared = new java.util.HashSet<>();
    collect(body, used, declared);
    used.removeAll(declared);
    out.addAll(used);
  }

  private static void collect(List<Expr> body, Set<String> out, Set<String> declared) {
    for (Expr e : body) {
      switch (e.node()) {
        case Expr.Assign a -> term(a.left(), declared);
        case Expr.SomeDecl d -> d.vars().forEach(v -> declared.add(v.name()));
        case Expr.SomeIn s -> {
          if (s.key() != null) {
            term(s.key(), declared);
          }
          term(s.value(), declared);
        }
        default -> {}
      }
    }
    for (Expr e : body) {
      switch (e.node()) {
        case Expr.TermExpr t -> term(t.term(), out);
        case Expr.Unify u -> {
          term(u.left(), out);
          term(u.right(), out);
        }
        case Expr.Assign a -> {
          term(a.left(), out);
          term(a.right(), out);
        }
        case Expr.SomeDecl d -> d.vars().forEach(v -> out.add(v.name()));
        case Expr.SomeIn s -> {
          if (s.key() != null) {
            term(s.key(), out);
          }
          term(s.value(), out);
          term(s.collection(), out);
        }
        case Expr.Every ev -> term(ev.domain(), out);
      }
      for (Expr.With w : e.withs()) {
        term(w.value(), out);
      }
    }
  }

  static void term(Term t, Set<String> out) {
    switch (t) {
      case Term.Var v -> {
        if (!v.isWildcard()) {
          out.add(v.name());
        }
      }
      case Term.Ref r -> {
        term(r.head(), out);
        r.path().forEach(p -> term(p, out));
      }
      case Term.ArrayTerm a -> a.items().forEach(i -> term(i, out));
      case Term.SetTerm s -> s.items().forEach(i -> term(i, out));
      case Term.ObjectTerm o -> {
        o.keys().forEach(k -> term(k, out));
        o.values().forEach(v -> term(v, out));
      }
      case Term.Call c -> c.args().forEach(a -> term(a, out));
      default -> {}
    }
  }
}
