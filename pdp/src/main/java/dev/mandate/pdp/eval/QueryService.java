package dev.mandate.pdp.eval;

import dev.mandate.pdp.cache.DecisionCache;
import dev.mandate.pdp.metrics.PdpMetrics;
import dev.mandate.pdp.policy.PolicySnapshot;
import dev.mandate.pdp.policy.PolicyStore;
import dev.mandate.rego.EvalException;
import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.PreparedQuery;
import dev.mandate.rego.QueryResult;
import dev.mandate.rego.RegoException;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.Value;
import java.time.Duration;
import java.util.List;

/**
 * Evaluates a query against the serving policy revision with a deadline, and turns everything the
 * engine can do (a value, undefined, an error, a cancellation, even an unexpected exception) into
 * an {@link EvalOutcome}, so callers can fail closed without a try block of their own.
 */
public final class QueryService {
  /** A cache key part for "no input at all", which no JSON text can equal. */
  private static final String NO_INPUT = "~";

  private final PolicyStore store;
  private final DecisionCache cache;
  private final PdpMetrics metrics;

  /** {@code cache} may be null: the decision cache is off. */
  public QueryService(PolicyStore store, DecisionCache cache, PdpMetrics metrics) {
    this.store = store;
    this.cache = cache;
    this.metrics = metrics;
  }

  public String revision() {
    return store.current().revision();
  }

  public Evaluation evaluate(String query, Value input, Duration deadline, boolean strict) {
    PolicySnapshot snapshot = store.current();
    long start = System.nanoTime();
    PreparedQuery prepared;
    try {
      prepared = snapshot.prepare(query);
    } catch (RegoException e) {
      return new Evaluation(snapshot.revision(),
          new EvalOutcome.InvalidQuery(e.errors(), e.getMessage()), System.nanoTime() - start,
          false);
    }
    DecisionCache.Key key = null;
    if (cache != null) {
      key = new DecisionCache.Key(query, snapshot.revision(),
          input == null ? NO_INPUT : Json.write(input), strict);
      EvalOutcome hit = cache.get(key);
      metrics.decisionCache.inc(hit != null ? "hit" : "miss");
      if (hit != null) {
        return new Evaluation(snapshot.revision(), hit, System.nanoTime() - start, true);
      }
    }
    EvalOutcome outcome = run(prepared, input, deadline, strict);
    if (key != null) {
      cache.put(key, outcome);
    }
    return new Evaluation(snapshot.revision(), outcome, System.nanoTime() - start, false);
  }

  private static EvalOutcome run(PreparedQuery prepared, Value input, Duration deadline,
      boolean strict) {
    try {
      List<QueryResult> results =
          prepared.eval(EvalOptions.withInput(input).timeout(deadline).strict(strict));
      if (results.isEmpty() || results.get(0).expressions().isEmpty()) {
        return new EvalOutcome.Undefined();
      }
      return new EvalOutcome.Defined(results.get(0).expressions().get(0));
    } catch (EvalException e) {
      if (EvalException.CANCEL.equals(e.code())) {
        return new EvalOutcome.TimedOut(e.getMessage());
      }
      return new EvalOutcome.Failed(e.code(), e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return new EvalOutcome.Failed(EvalException.INTERNAL, String.valueOf(e));
    }
  }
}
