package dev.mandate.rego.conformance;

import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.Policy;
import dev.mandate.rego.QueryResult;
import dev.mandate.rego.Rego;
import dev.mandate.rego.value.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Runs a case on Mandate's engine as OPA's runner does: modules compiled as
 * {@code test-0.rego}, {@code test-1.rego}, ...; the case's data as the base document; the
 * query prepared against them and evaluated with the input and strictness the case asks for.
 */
public final class EngineEvaluator implements CaseEvaluator {
  private final UnaryOperator<EvalOptions> adjust;

  public EngineEvaluator() {
    this(UnaryOperator.identity());
  }

  /**
   * Evaluates with the options each case asks for, then {@code adjust}ed: for running the suite
   * through other paths of the evaluator (with coverage measured, say), which must not change
   * any outcome.
   */
  public EngineEvaluator(UnaryOperator<EvalOptions> adjust) {
    this.adjust = adjust;
  }

  @Override
  public List<Map<String, Value>> evaluate(ConformanceCase c, Duration timeout) {
    Rego.Builder builder = Rego.builder().data(c.data());
    for (int i = 0; i < c.modules().size(); i++) {
      builder.module(ConformanceCase.moduleFileName(i), c.modules().get(i));
    }
    Policy policy = builder.compile();
    Value input = c.inputTerm() != null ? evaluateTerm(c.inputTerm(), timeout) : c.input();
    EvalOptions options = EvalOptions.defaults()
        .input(input)
        .timeout(timeout)
        .strict(c.strictError());
    List<QueryResult> rows = policy.prepare(c.query()).eval(adjust.apply(options));
    return rows.stream().map(QueryResult::bindings).toList();
  }

  /**
   * The value of an {@code input_term}: the term is evaluated as a query of its own against an
   * empty policy (so {@code {1, 2}} is a set and {@code 1.0} a number).
   */
  static Value evaluateTerm(String term, Duration timeout) {
    List<QueryResult> rs = Rego.builder().compile().prepare(term)
        .eval(EvalOptions.defaults().timeout(timeout));
    if (rs.isEmpty() || rs.get(0).expressions().isEmpty()) {
      throw new IllegalArgumentException("input_term is undefined: " + term);
    }
    return rs.get(0).expressions().get(0);
  }
}
