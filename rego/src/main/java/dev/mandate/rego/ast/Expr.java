package dev.mandate.rego.ast;

import java.util.List;

/** One expression (literal) of a rule body or query, with its modifiers. */
public record Expr(Location location, boolean negated, Node node, List<With> withs) {
  public Expr {
    withs = List.copyOf(withs);
  }

  /** What the expression does. */
  public sealed interface Node {}

  /** A term used as an expression: true unless it evaluates to false or is undefined. */
  public record TermExpr(Term term) implements Node {}

  /** {@code left = right}: unification. */
  public record Unify(Term left, Term right) implements Node {}

  /** {@code left := right}: assignment of new local variables (left may be a pattern). */
  public record Assign(Term left, Term right) implements Node {}

  /** {@code some x, y}: declares local variables. */
  public record SomeDecl(List<Term.Var> vars) implements Node {
    public SomeDecl {
      vars = List.copyOf(vars);
    }
  }

  /** {@code some v in c} ({@code key} null) or {@code some k, v in c}; key and value may be patterns. */
  public record SomeIn(Term key, Term value, Term collection) implements Node {}

  /** {@code every v in d { body }} ({@code key} null) or {@code every k, v in d { body }}. */
  public record Every(Term.Var key, Term.Var value, Term domain, List<Expr> body) implements Node {
    public Every {
      body = List.copyOf(body);
    }
  }

  /** {@code with target as value}: target is a ref to input, data, a function or a built-in. */
  public record With(Term.Ref target, Term value, Location location) {}
}
