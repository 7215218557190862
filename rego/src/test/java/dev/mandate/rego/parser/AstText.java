package dev.mandate.rego.parser;

import dev.mandate.rego.ast.Expr;
import dev.mandate.rego.ast.Rule;
import dev.mandate.rego.ast.Term;
import dev.mandate.rego.value.Values;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A compact, location-free rendering of AST nodes for tests, in which every node kind is
 * visible: {@code ref(x, "a", 0)}, {@code call(plus, 1, 2)}, {@code set()}, {@code obj("a": 1)}.
 */
final class AstText {
  private AstText() {}

  static String term(Term t) {
    return switch (t) {
      case Term.Scalar s -> Values.toRego(s.value());
      case Term.Var v -> v.name();
      case Term.Ref r -> "ref(" + join(prepend(r.head(), r.path())) + ")";
      case Term.Call c -> "call(" + operator(c.operator()) + (c.args().isEmpty() ? "" : ", " + join(c.args())) + ")";
      case Term.ArrayTerm a -> "arr(" + join(a.items()) + ")";
      case Term.SetTerm s -> "set(" + join(s.items()) + ")";
      case Term.ObjectTerm o -> {
        StringBuilder sb = new StringBuilder("obj(");
        for (int i = 0; i < o.keys().size(); i++) {
          sb.append(i > 0 ? ", " : "").append(term(o.keys().get(i))).append(": ").append(term(o.values().get(i)));
        }
        yield sb.append(')').toString();
      }
      case Term.ArrayComprehension c -> "acomp(" + term(c.head()) + " | " + body(c.body()) + ")";
      case Term.SetComprehension c -> "scomp(" + term(c.head()) + " | " + body(c.body()) + ")";
      case Term.ObjectComprehension c -> "ocomp(" + term(c.key()) + ": " + term(c.value()) + " | " + body(c.body()) + ")";
    };
  }

  /** Operators print as dotted names when their path is plain strings: {@code internal.member_2}. */
  private static String operator(Term.Ref op) {
    StringBuilder sb = new StringBuilder(term(op.head()));
    for (Term p : op.path()) {
      if (p instanceof Term.Scalar s && s.value() instanceof dev.mandate.rego.value.StringValue str) {
        sb.append('.').append(str.value());
      } else {
        return term(op);
      }
    }
    return sb.toString();
  }

  static String expr(Expr e) {
    String node = switch (e.node()) {
      case Expr.TermExpr t -> term(t.term());
      case Expr.Unify u -> "unify(" + term(u.left()) + ", " + term(u.right()) + ")";
      case Expr.Assign a -> "assign(" + term(a.left()) + ", " + term(a.right()) + ")";
      case Expr.SomeDecl s -> "some(" + join(List.copyOf(s.vars())) + ")";
      case Expr.SomeIn s -> "somein(" + (s.key() == null ? "" : term(s.key()) + ", ") + term(s.value())
          + " in " + term(s.collection()) + ")";
      case Expr.Every ev -> "every(" + (ev.key() == null ? "" : term(ev.key()) + ", ") + term(ev.value())
          + " in " + term(ev.domain()) + " | " + body(ev.body()) + ")";
    };
    StringBuilder sb = new StringBuilder(e.negated() ? "not " + node : node);
    for (Expr.With w : e.withs()) {
      sb.append(" with ").append(term(w.target())).append(" as ").append(term(w.value()));
    }
    return sb.toString();
  }

  static String body(List<Expr> body) {
    return body.stream().map(AstText::expr).collect(Collectors.joining("; "));
  }

  static String rule(Rule r) {
    Rule.Head h = r.head();
    StringBuilder sb = new StringBuilder(r.isDefault() ? "default " : "");
    sb.append(term(h.ref()));
    if (h.args() != null) {
      sb.append("(").append(join(h.args())).append(")");
    }
    sb.append(h.contains() ? " contains " : h.assign() ? " := " : " = ").append(term(h.value()));
    sb.append(" { ").append(body(r.body())).append(" }");
    if (r.elseRule() != null) {
      sb.append(" else ").append(rule(r.elseRule()));
    }
    return sb.toString();
  }

  private static List<Term> prepend(Term head, List<Term> rest) {
    List<Term> all = new java.util.ArrayList<>(rest.size() + 1);
    all.add(head);
    all.addAll(rest);
    return all;
  }

  private static String join(List<? extends Term> terms) {
    return terms.stream().map(AstText::term).collect(Collectors.joining(", "));
  }
}
