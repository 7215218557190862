package dev.mandate.rego.parser;

import dev.mandate.rego.ast.Term;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** OPA's parse-time restrictions on {@code default} rules. */
final class DefaultRules {
  private DefaultRules() {}

  /**
   * The kind of the first variable, ref or call in a default value ("var", "ref", "call"), or
   * null when the value is constant. Comprehensions are not looked into, as in OPA.
   */
  static String forbiddenInValue(Term t) {
    return switch (t) {
      case Term.Scalar ignored -> null;
      case Term.Var ignored -> "var";
      case Term.Ref ignored -> "ref";
      case Term.Call ignored -> "call";
      case Term.ArrayTerm a -> firstForbidden(a.items());
      case Term.SetTerm s -> firstForbidden(s.items());
      case Term.ObjectTerm o -> {
        for (int i = 0; i < o.keys().size(); i++) {
          String k = forbiddenInValue(o.keys().get(i));
          if (k != null) {
            yield k;
          }
          String v = forbiddenInValue(o.values().get(i));
          if (v != null) {
            yield v;
          }
        }
        yield null;
      }
      case Term.ArrayComprehension ignored -> null;
      case Term.SetComprehension ignored -> null;
      case Term.ObjectComprehension ignored -> null;
    };
  }

  private static String firstForbidden(List<Term> terms) {
    for (Term t : terms) {
      String bad = forbiddenInValue(t);
      if (bad != null) {
        return bad;
      }
    }
    return null;
  }

  /**
   * What is wrong with the arguments of a default function (each must be a distinct variable;
   * wildcards never clash), or null.
   */
  static String argumentProblem(List<Term> args) {
    Set<String> seen = new HashSet<>();
    for (Term arg : args) {
      if (!(arg instanceof Term.Var v)) {
        return "arguments cannot contain " + TermText.valueName(arg);
      }
      if (!v.isWildcard() && !seen.add(v.name())) {
        return "arguments cannot be repeated " + v.name();
      }
    }
    return null;
  }
}
