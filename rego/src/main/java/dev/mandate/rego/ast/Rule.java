package dev.mandate.rego.ast;

import java.util.List;

/**
 * A rule: head, body, and an optional {@code else} chain.
 *
 * @param isDefault true for {@code default p := v}
 * @param body the rule body; an empty list for a rule without body (always true)
 * @param elseRule the next rule of an else chain, whose head carries only a value; null at the end
 */
public record Rule(Location location, boolean isDefault, Head head, List<Expr> body, Rule elseRule) {
  public Rule {
    body = List.copyOf(body);
  }

  /**
   * A rule head.
   *
   * @param ref the rule's name as a reference relative to its package: {@code p}, {@code p.q},
   *     {@code p[x].r}; the head is a {@code Var}, later segments are terms (dotted ones strings)
   * @param args the parameters of a function; null for a rule that is not a function
   * @param value the value ({@code := v}, {@code = v}); {@code true} when not written; for a
   *     {@code contains} rule, the element
   * @param contains true for a multi-value rule {@code p contains x}
   * @param assign true when the value was written with {@code :=}
   */
  public record Head(Term.Ref ref, List<Term> args, Term value, boolean contains, boolean assign,
      Location location) {
    public Head {
      args = args == null ? null : List.copyOf(args);
    }

    public boolean isFunction() {
      return args != null;
    }
  }
}
