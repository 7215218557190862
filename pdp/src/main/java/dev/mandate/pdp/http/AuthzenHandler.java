package dev.mandate.pdp.http;

import dev.mandate.pdp.authzen.AccessDecision;
import dev.mandate.pdp.authzen.AccessRequest;
import dev.mandate.pdp.authzen.BatchRequest;
import dev.mandate.pdp.eval.Evaluation;
import dev.mandate.pdp.eval.QueryService;
import dev.mandate.pdp.validation.InvalidInputException;
import dev.mandate.pdp.validation.Shape;
import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenID AuthZEN Authorization API 1.0 evaluation endpoints and metadata, mapped onto one
 * Rego rule (see {@link AccessRequest} for the input and {@link AccessDecision} for the result).
 * A request id sent in {@code X-Request-ID} is echoed back, as the specification asks.
 */
final class AuthzenHandler {
  static final String EVALUATION = "/access/v1/evaluation";
  static final String EVALUATIONS = "/access/v1/evaluations";
  static final String METADATA = "/.well-known/authzen-configuration";
  private static final String REQUEST_ID = "X-Request-ID";

  private final QueryService queries;
  private final DecisionRecorder recorder;
  private final RulePath rule;
  private final Duration deadline;
  private final String publicUrl;

  AuthzenHandler(QueryService queries, DecisionRecorder recorder, RulePath rule,
      Duration deadline, String publicUrl) {
    this.queries = queries;
    this.recorder = recorder;
    this.rule = rule;
    this.deadline = deadline;
    this.publicUrl = publicUrl;
  }

  ApiResponse evaluation(RoutingContext ctx) {
    long start = System.nanoTime();
    ObjectValue req = Shape.object(RequestBodies.requiredJson(ctx), "the request body");
    ObjectValue input = AccessRequest.toInput(req);
    return echoId(ctx, ApiResponse.json(200,
        decide(ctx, input, start, RequestBodies.size(ctx)).response()));
  }

  ApiResponse evaluations(RoutingContext ctx) {
    long start = System.nanoTime();
    ObjectValue req = Shape.object(RequestBodies.requiredJson(ctx), "the request body");
    BatchRequest batch = BatchRequest.parse(req);
    if (batch.single()) {
      ObjectValue input = AccessRequest.toInput(batch.items().get(0));
      return echoId(ctx, ApiResponse.json(200,
          decide(ctx, input, start, RequestBodies.size(ctx)).response()));
    }
    // Each item's event holds its part of the one parsed body: its share of the body's size.
    long itemBytes = RequestBodies.size(ctx) / Math.max(1, batch.items().size());
    List<Value> results = new ArrayList<>();
    for (ObjectValue item : batch.items()) {
      long itemStart = System.nanoTime();
      AccessDecision d;
      try {
        d = decide(ctx, AccessRequest.toInput(item), itemStart, itemBytes);
      } catch (InvalidInputException e) {
        d = AccessDecision.error(400, e.getMessage(), "error");
      }
      results.add(d.response());
      if (batch.semantic().stopsAfter(d.decision())) {
        break;
      }
    }
    return echoId(ctx,
        ApiResponse.json(200, ObjectValue.of("evaluations", ArrayValue.of(results))));
  }

  private AccessDecision decide(RoutingContext ctx, ObjectValue input, long start,
      long requestBytes) {
    long parsed = System.nanoTime();
    Evaluation ev = queries.evaluate(rule.query(), input, deadline, false);
    AccessDecision d = AccessDecision.from(ev.outcome());
    recorder.record(new DecisionRecorder.Decision("authzen", rule.logPath(), input, null,
        d.response(), null, ev, d.outcome(), start, parsed - start, Http.remote(ctx),
        requestBytes));
    return d;
  }

  ApiResponse metadata(RoutingContext ctx) {
    String base = publicUrl.isBlank()
        ? ctx.request().scheme() + "://" + ctx.request().authority()
        : publicUrl.replaceAll("/+$", "");
    ObjectValue body = ObjectValue.builder()
        .put("policy_decision_point", StringValue.of(base))
        .put("access_evaluation_endpoint", StringValue.of(base + EVALUATION))
        .put("access_evaluations_endpoint", StringValue.of(base + EVALUATIONS))
        .build();
    return ApiResponse.json(200, body);
  }

  private static ApiResponse echoId(RoutingContext ctx, ApiResponse r) {
    String id = ctx.request().getHeader(REQUEST_ID);
    return id == null ? r : r.withHeader(REQUEST_ID, id);
  }
}
