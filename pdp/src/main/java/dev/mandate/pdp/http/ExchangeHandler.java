package dev.mandate.pdp.http;

import dev.mandate.pdp.eval.Evaluation;
import dev.mandate.pdp.eval.QueryService;
import dev.mandate.pdp.exchange.ExchangeDecision;
import dev.mandate.pdp.exchange.ExchangeInput;
import dev.mandate.rego.value.JsonBytes;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;

/**
 * {@code POST /v1/exchange/decisions}: decides a token exchange. The response is the policy's
 * decision object plus {@code decision_id} and {@code policy_revision}; every failure to decide
 * is a deny (see {@link ExchangeDecision}), answered with 200 like any other decision so callers
 * have one shape to handle. Only a malformed request is a 400.
 */
final class ExchangeHandler {
  private static final StringValue DECISION_ID = StringValue.of("decision_id");
  private static final StringValue POLICY_REVISION = StringValue.of("policy_revision");

  /** What appending the ids adds besides their own text: names, quotes, comma, closing brace. */
  private static final int ID_MEMBERS_SIZE =
      "\"decision_id\":\"\",\"policy_revision\":\"\"}".length();

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
    RequestBodies.JsonBody body = RequestBodies.requiredJsonBody(ctx);
    ObjectValue input = ExchangeInput.validate(body.value());
    long parsed = System.nanoTime();
    Evaluation ev = queries.evaluate(query, input, deadline, false);
    ExchangeDecision d = ExchangeDecision.from(ev.outcome());
    ObjectValue decision = d.decision();
    byte[] decisionJson = JsonBytes.encode(decision);
    String id = recorder.record(new DecisionRecorder.Decision("exchange", logPath, input,
        body.text(), decision, decisionJson, ev, d.outcome(), start, parsed - start,
        Http.remote(ctx), body.text().length));
    return new ApiResponse(200, ApiResponse.JSON,
        withIds(decision, decisionJson, id, ev.revision()), Map.of());
  }

  /**
   * The response body: the decision with {@code decision_id} and {@code policy_revision} added.
   * The two members are appended to the decision's JSON, which the decision log gets too, rather
   * than merged into a new object that would be encoded again; so they come last. A decision that
   * has either member itself gets it replaced, as the merge does.
   */
  static byte[] withIds(ObjectValue decision, byte[] decisionJson, String id, String revision) {
    if (decision.get(DECISION_ID) != null || decision.get(POLICY_REVISION) != null) {
      return JsonBytes.encode(ObjectValue.builder(decision.size() + 2).putAll(decision)
          .put(DECISION_ID, StringValue.of(id))
          .put(POLICY_REVISION, StringValue.of(revision))
          .build());
    }
    // Sized for the usual case exactly (ids and revisions need no escapes), so the buffer is the
    // body and needs no copy.
    int size = decisionJson.length + (decision.isEmpty() ? 0 : 1) + ID_MEMBERS_SIZE + id.length()
        + revision.length();
    JsonBytes out = new JsonBytes(size);
    out.bytes(decisionJson, 0, decisionJson.length - 1); // all but the closing brace
    if (!decision.isEmpty()) {
      out.raw(',');
    }
    out.name("decision_id").string(id).raw(',').name("policy_revision").string(revision);
    out.raw('}');
    return out.length() == out.buffer().length ? out.buffer() : out.toByteArray();
  }
}
