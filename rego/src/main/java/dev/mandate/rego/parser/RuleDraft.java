package dev.mandate.rego.parser;

import dev.mandate.rego.RegoError;
import dev.mandate.rego.ast.Rule;
import dev.mandate.rego.ast.Term;
import java.util.List;

/**
 * A parsed rule together with the facts about how it was written that Rego v1's rule checks
 * need but the AST does not keep ({@code if} and {@code contains} keywords, generated parts).
 *
 * @param isElse the rule is part of another rule's else chain (not listed in the module itself)
 * @param hasIf the head (or, for else and chained bodies, the rule it belongs to) used {@code if}
 * @param usesContains the head used {@code contains}
 * @param generatedBody no body was written
 * @param generatedValue no value was written (the value {@code true} was supplied)
 * @param multiValue OPA reads the rule as a multi-value (partial set) rule: {@code p[x] { ... }}
 */
record RuleDraft(Rule rule, boolean isElse, boolean hasIf, boolean usesContains, boolean generatedBody,
    boolean generatedValue, boolean multiValue) {

  /** The Rego v1 errors of this rule alone (not its else chain), in OPA's order. */
  void check(List<RegoError> errors) {
    Rule.Head head = rule.head();
    String what = head.isFunction() ? "function" : "rule";
    Term.Ref ref = head.ref();
    if (ref.path().isEmpty() && ref.head() instanceof Term.Var v && TokenKind.isKeyword(v.name())) {
      errors.add(error(v.name() + " keyword cannot be used for rule name"));
    }
    if (generatedBody && generatedValue) {
      errors.add(error(what + " must have value assignment and/or body declaration"));
    }
    if (!generatedBody && !hasIf && !rule.isDefault()) {
      errors.add(error("`if` keyword is required before " + what + " body"));
    }
    if (multiValue && !usesContains) {
      errors.add(error("`contains` keyword is required for partial set rules"));
    }
  }

  private RegoError error(String message) {
    return new RegoError(RegoError.PARSE, message, rule.location());
  }
}
