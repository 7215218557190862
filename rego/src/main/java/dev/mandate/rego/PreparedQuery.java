package dev.mandate.rego;

import dev.mandate.rego.compiler.CompiledPolicy;
import dev.mandate.rego.compiler.CompiledQuery;
import dev.mandate.rego.eval.QueryEvaluator;
import java.util.List;

/** A compiled query bound to a {@link Policy}; thread-safe, evaluate it as often as needed. */
public final class PreparedQuery {
  private final CompiledPolicy policy;
  private final CompiledQuery query;
  private final QueryEvaluator.MemoSize memoSize = new QueryEvaluator.MemoSize();

  PreparedQuery(CompiledPolicy policy, CompiledQuery query) {
    this.policy = policy;
    this.query = query;
  }

  /** Evaluates the query; an empty list means undefined. Throws {@link EvalException}. */
  public List<QueryResult> eval(EvalOptions options) {
    return QueryEvaluator.evaluate(policy, query, options, memoSize);
  }

  /** The source text of each expression of the query, for {@code opa eval}-style output. */
  public List<String> expressionTexts() {
    return query.texts();
  }
}
