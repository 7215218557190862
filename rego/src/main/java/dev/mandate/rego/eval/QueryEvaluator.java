package dev.mandate.rego.eval;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.QueryResult;
import dev.mandate.rego.compiler.CompiledPolicy;
import dev.mandate.rego.compiler.CompiledQuery;
import dev.mandate.rego.plan.PExpr;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a compiled query against a compiled policy and collects its result set. */
public final class QueryEvaluator {
  private QueryEvaluator() {}

  /**
   * How long a query's rule-value memo needs to be, learnt from its evaluations so far: each
   * starts with the length the ones before needed, and records what it needed in turn. Shared by
   * the threads evaluating one prepared query; a lost update only costs a memo that grows.
   */
  public static final class MemoSize {
    private volatile int slots = 16;

    int slots() {
      return slots;
    }

    void used(int n) {
      if (n > slots) {
        slots = n;
      }
    }
  }

  public static List<QueryResult> evaluate(CompiledPolicy policy, CompiledQuery query,
      EvalOptions options, MemoSize memoSize) {
    QueryRun run = new QueryRun(options);
    Evaluator ev = new Evaluator(policy.root(), policy.data(), run);
    State st = new State(options.input(), null, Map.of(), memoSize.slots(), policy.memoSlots());
    Value[] frame = new Value[query.frameSize()];
    List<QueryResult> out = new ArrayList<>();
    try {
      ev.evalBody(query.body(), 0, frame, st, () -> {
        Map<String, Value> bindings = new LinkedHashMap<>();
        query.namedVars().forEach((name, slot) -> {
          if (frame[slot] != null) {
            bindings.put(name, frame[slot]);
          }
        });
        List<Value> values = new ArrayList<>();
        // An expression reports the value it was evaluated to (under its own `with` modifiers),
        // kept in its capture slot; any other expression reports true, as in OPA.
        for (PExpr e : query.sourceOrder()) {
          Value v = BooleanValue.TRUE;
          if (e.node() instanceof PExpr.TermNode t && t.captureSlot() >= 0
              && frame[t.captureSlot()] != null) {
            v = frame[t.captureSlot()];
          }
          values.add(v);
        }
        out.add(new QueryResult(values, bindings));
        return false;
      });
    } catch (StackOverflowError e) {
      throw new EvalException(EvalException.INTERNAL, "evaluation nested too deeply (stack exhausted)", null);
    } finally {
      memoSize.used(st.memoLength());
    }
    return out;
  }
}
