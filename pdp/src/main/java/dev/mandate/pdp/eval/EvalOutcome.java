package dev.mandate.pdp.eval;

import dev.mandate.rego.RegoError;
import dev.mandate.rego.value.Value;
import java.util.List;

/** What one evaluation of a query produced. */
public sealed interface EvalOutcome {
  /** The query has a value. */
  record Defined(Value value) implements EvalOutcome {}

  /** The query is undefined for this input. */
  record Undefined() implements EvalOutcome {}

  /**
   * Evaluation stopped with an error, such as a conflict between rule outputs or a built-in error
   * in strict mode. {@code code} is the engine's ({@code eval_conflict_error} ...).
   */
  record Failed(String code, String message) implements EvalOutcome {}

  /** Evaluation passed its deadline (or step budget) and was cancelled. */
  record TimedOut(String message) implements EvalOutcome {}

  /** The query itself does not parse or compile against the policy. */
  record InvalidQuery(List<RegoError> errors, String message) implements EvalOutcome {}

  /** True if the outcome depends only on (query, input, revision), so it may be cached. */
  default boolean cacheable() {
    return this instanceof Defined || this instanceof Undefined;
  }
}
