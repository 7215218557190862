package dev.mandate.rego;

import java.util.List;

/** A compiled query bound to a {@link Policy}; thread-safe, evaluate it as often as needed. */
public final class PreparedQuery {
  // IMPLEMENTATION PENDING (engine core in progress).

  /** Evaluates the query; an empty list means undefined. Throws {@link EvalException}. */
  public List<QueryResult> eval(EvalOptions options) {
    throw new UnsupportedOperationException("evaluator not yet implemented");
  }

  /** The source text of each expression of the query, for {@code opa eval}-style output. */
  public List<String> expressionTexts() {
    throw new UnsupportedOperationException("evaluator not yet implemented");
  }
}
