package dev.mandate.rego.compiler;

import dev.mandate.rego.ast.Expr;
import dev.mandate.rego.ast.Term;
import dev.mandate.rego.builtins.Builtin;
import dev.mandate.rego.builtins.BuiltinRegistry;

/**
 * Whether a query expression can produce several results: a reference with a variable after its
 * head, or a call of a relation built-in ({@code walk}). Comprehensions are not looked into: they
 * produce one value however much they iterate inside.
 */
final class IterationCheck {
  private IterationCheck() {}

  static boolean iterates(Expr e, BuiltinRegistry builtins) {
    return switch (e.node()) {
      case Expr.TermExpr t -> term(t.term(), builtins);
      case Expr.Unify u -> term(u.left(), builtins) || term(u.right(), builtins);
      case Expr.Assign a -> term(a.left(), builtins) || term(a.right(), builtins);
      case Expr.SomeIn s -> true;
      case Expr.SomeDecl d -> false;
      case Expr.Every ev -> term(ev.domain(), builtins);
    };
  }

  private static boolean term(Term t, BuiltinRegistry builtins) {
    return switch (t) {
      case Term.Ref r -> {
        for (Term p : r.path()) {
          if (p instanceof Term.Var || term(p, builtins)) {
            yield true;
          }
        }
        yield term(r.head(), builtins);
      }
      case Term.Call c -> {
        String name = Lowerer.dottedName(c.operator());
        Builtin b = name == null ? null : builtins.lookup(name);
        if (b != null && b.isRelation()) {
          yield true;
        }
        yield c.args().stream().anyMatch(a -> term(a, builtins));
      }
      case Term.ArrayTerm a -> a.items().stream().anyMatch(i -> term(i, builtins));
      case Term.SetTerm s -> s.items().stream().anyMatch(i -> term(i, builtins));
      case Term.ObjectTerm o -> o.keys().stream().anyMatch(k -> term(k, builtins))
          || o.values().stream().anyMatch(v -> term(v, builtins));
      default -> false;
    };
  }
}
