package dev.mandate.rego.conformance;

import dev.mandate.rego.value.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Produces a case's result rows (the bindings of each row; empty means undefined), or throws
 * the engine's {@code RegoException}/{@code EvalException}. The runner uses {@link
 * EngineEvaluator}; tests substitute their own to exercise the runner's safety nets.
 */
@FunctionalInterface
public interface CaseEvaluator {
  List<Map<String, Value>> evaluate(ConformanceCase c, Duration timeout);
}
