package dev.mandate.pdp.http;

import dev.mandate.pdp.eval.Evaluation;
import dev.mandate.pdp.eval.QueryService;
import dev.mandate.pdp.exchange.ExchangeDecision;
import dev.mandate.pdp.exchange.ExchangeInput;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * {@code POST /v1/exchange/decisions}: decides a token exchange. The response is the policy's
 * decision object plus {@code decision_id} and {@code policy_revision}; every failure to decide
 * is a deny (see {@link ExchangeDecision}), answered with 200 like any other decision so callers
 * have one shape to handle. Only a malformed request is a 400.
 */
final class ExchangeHandler {
  private static final StringValue DECISION_ID = StringValue.of("decision_id");
  private static final StringValue POLICY_REVISION = StringValue.of("policy_revision");

  private final QueryService queries;
  private final DecisionRecorder recorder;
  private final String query;
  private final String logPath;
  private final Duration deadline;

  ExchangeHandler(QueryService queries, DecisionRecorder recorder, RulePath rule,
      Duration deadline) {
    this.queries = queries;
    this.recorder = recorder;
    this.query = rule.query(); // worked out once: it is the same for every request
    this.logPath = rule.logPath();
    this.deadline = deadline;
  }

  ApiResponse handle(RoutingContext ctx) {
    long start = System.nanoTime();
    Value body = RequestBodies.requiredJson(ctx);
    ObjectValue input = ExchangeInput.validate(body);
    long parsed = System.nanoTime();
    Evaluation ev = queries.evaluate(query, input, deadline, false);
    ExchangeDecision d = ExchangeDecision.from(ev.outcome());
    String id = recorder.record(new DecisionRecorder.Decision("exchange", logPath, input,
        d.decision(), ev, d.outcome(), start, parsed - start, Http.remote(ctx)));
    ObjectValue.Builder response = ObjectValue.builder(d.decision().size() + 2).putAll(d.decision());
    response.put(DECISION_ID, StringValue.of(id));
    response.put(POLICY_REVISION, StringValue.of(ev.revision()));
    return ApiResponse.json(200, response.build());
  }
}
