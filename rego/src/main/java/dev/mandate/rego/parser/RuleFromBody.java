package dev.mandate.rego.parser;

import dev.mandate.rego.ast.Expr;
import dev.mandate.rego.ast.Location;
import dev.mandate.rego.ast.Rule;
import dev.mandate.rego.ast.Term;
import dev.mandate.rego.value.BooleanValue;
import java.util.List;
import java.util.Set;

/**
 * Reads a top-level expression as a rule, as OPA does for statements that its rule grammar does
 * not take: {@code p := 1}, {@code p.q = "x"}, {@code p[k] := v}, {@code f(x) := y}, and a bare
 * call {@code f(x)} (a function that is true). Everything else is an error; Rego v1's checks then
 * reject the forms that only Rego v0 allowed ({@code p.q}, {@code p[x]}).
 */
final class RuleFromBody {
  /** Operators that are built-in functions and so cannot name a rule. */
  private static final Set<String> OPERATORS = Set.of("plus", "minus", "mul", "div", "rem", "and",
      "or", "equal", "neq", "lt", "lte", "gt", "gte", "internal.member_2", "internal.member_3");

  private RuleFromBody() {}

  static RuleDraft convert(List<Expr> body) {
    Expr expr = body.get(0);
    Location loc = expr.location();
    if (body.size() != 1) {
      throw fail(loc, "multiple expressions cannot be used for rule head");
    }
    if (!expr.withs().isEmpty()) {
      throw fail(loc, "expressions using with keyword cannot be used for rule head");
    }
    if (expr.negated()) {
      throw fail(loc, "negated expressions cannot be used for rule head");
    }
    return switch (expr.node()) {
      case Expr.SomeDecl ignored -> throw fail(loc, "'some' declarations cannot be used for rule head");
      case Expr.SomeIn ignored -> throw fail(loc, "'some' declarations cannot be used for rule head");
      case Expr.Every ignored -> throw fail(loc, "expression cannot be used for rule head");
      case Expr.Unify u -> fromEquality(loc, u.left(), u.right(), false);
      case Expr.Assign a -> fromEquality(loc, a.left(), a.right(), true);
      case Expr.TermExpr t when t.term() instanceof Term.Call call -> fromCall(loc, call);
      case Expr.TermExpr t -> fromTerm(loc, t.term());
    };
  }

  /** {@code p := v}, {@code p.q[r] = v}, {@code f(x) := v}: a rule without body. */
  private static RuleDraft fromEquality(Location loc, Term lhs, Term rhs, boolean assign) {
    Term.Ref ref;
    List<Term> args = null;
    switch (lhs) {
      case Term.Call call when call.operator().head() instanceof Term.Var -> {
        ref = call.operator();
        args = call.args().isEmpty() ? null : call.args();
      }
      case Term.Ref r when r.head() instanceof Term.Var -> ref = r;
      case Term.Ref r -> throw fail(loc, "invalid rule head: " + TermText.print(r));
      case Term.Var v -> ref = new Term.Ref(v, List.of(), v.location());
      default -> throw fail(loc, TermText.valueName(lhs) + " cannot be used for rule name");
    }
    Rule.Head head = new Rule.Head(ref, args, rhs, false, assign, loc);
    return draft(new Rule(loc, false, head, List.of(), null), false, false);
  }

  /** {@code f(x)}: a function whose value is true. */
  private static RuleDraft fromCall(Location loc, Term.Call call) {
    if (OPERATORS.contains(TermText.print(call.operator()))) {
      throw fail(loc, "rule name conflicts with built-in function");
    }
    if (call.args().isEmpty()) {
      throw fail(loc, "rule argument list must take at least one argument");
    }
    Term.Ref ref = call.operator();
    if (!(ref.head() instanceof Term.Var)) {
      throw fail(loc, "invalid rule head: " + TermText.print(ref));
    }
    Rule.Head head = new Rule.Head(ref, call.args(), trueAt(loc), false, false, loc);
    return draft(new Rule(loc, false, head, List.of(), null), false, false);
  }

  /** A ref alone: {@code p.q.r} (v1 rejects it: no value, no body) or {@code p[x]} (a v0 set). */
  private static RuleDraft fromTerm(Location loc, Term term) {
    if (!(term instanceof Term.Ref ref)) {
      throw fail(loc, TermText.valueName(term) + " cannot be used for rule name");
    }
    if (ref.path().size() + 1 > 2) {
      if (!(ref.head() instanceof Term.Var)) {
        throw fail(loc, "invalid rule head: " + TermText.print(ref));
      }
      Rule.Head head = new Rule.Head(ref, null, trueAt(loc), false, false, loc);
      return draft(new Rule(loc, false, head, List.of(), null), true, false);
    }
    if (ref.path().isEmpty()) {
      throw fail(loc, "refs cannot be used for rule head");
    }
    if (!(ref.head() instanceof Term.Var)) {
      throw fail(loc, "invalid rule head: " + TermText.print(ref));
    }
    Rule.Head head = new Rule.Head(ref, null, trueAt(loc), false, false, loc);
    return draft(new Rule(loc, false, head, List.of(), null), false, true);
  }

  private static RuleDraft draft(Rule rule, boolean generatedValue, boolean multiValue) {
    return new RuleDraft(rule, false, false, false, true, generatedValue, multiValue);
  }

  private static Term trueAt(Location loc) {
    return new Term.Scalar(BooleanValue.TRUE, loc);
  }

  private static ParseFailure fail(Location loc, String message) {
    return new ParseFailure(loc, message, false);
  }
}
