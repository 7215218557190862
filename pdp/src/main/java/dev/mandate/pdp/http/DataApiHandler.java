package dev.mandate.pdp.http;

import dev.mandate.pdp.eval.EvalOutcome;
import dev.mandate.pdp.eval.Evaluation;
import dev.mandate.pdp.eval.QueryService;
import dev.mandate.rego.RegoError;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * OPA's Data API: {@code GET|POST /v1/data[/{path}]}.
 *
 * <ul>
 *   <li>POST takes {@code {"input": ...}}; without an {@code input} member the query runs with no
 *       input and the response carries OPA's {@code api_usage_warning}. GET takes an optional
 *       {@code input} query parameter holding JSON, as OPA does.</li>
 *   <li>200 {@code {"result": ..., "decision_id": ...}}; {@code result} is absent when
 *       undefined.</li>
 *   <li>{@code ?metrics=true} adds {@code metrics} (OPA's timer names, nanoseconds);
 *       {@code ?pretty=true} indents; {@code ?strict-builtin-errors=true} makes built-in errors
 *       fail the query.</li>
 *   <li>A path that is not a valid reference is 400 {@code invalid_parameter}; an evaluation error
 *       500 {@code internal_error} with the engine's errors in {@code errors}.</li>
 * </ul>
 */
final class DataApiHandler {
  static final String PREFIX = "/v1/data";

  private final QueryService queries;
  private final DecisionRecorder recorder;
  private final Duration deadline;

  DataApiHandler(QueryService queries, DecisionRecorder recorder, Duration deadline) {
    this.queries = queries;
    this.recorder = recorder;
    this.deadline = deadline;
  }

  ApiResponse handle(RoutingContext ctx) {
    long start = System.nanoTime();
    String rawPath = ctx.request().path();
    RulePath path = RulePath.fromUrl(rawPath.substring(PREFIX.length()));
    boolean pretty = Http.flag(ctx, "pretty");
    boolean withMetrics = Http.flag(ctx, "metrics");
    boolean strict = Http.flag(ctx, "strict-builtin-errors");

    Value input = null;
    boolean inputMissing = false;
    if (ctx.request().method() == HttpMethod.POST) {
      Value body = RequestBodies.optionalJson(ctx);
      if (body != null && !(body instanceof ObjectValue)) {
        throw new BadRequestException(
            "request body must be an object with an \"input\" member, got " + body.typeName());
      }
      input = body == null ? null : ((ObjectValue) body).get("input");
      inputMissing = input == null;
    } else {
      String param = ctx.request().getParam("input");
      if (param != null) {
        try {
          input = Json.parse(param);
        } catch (RuntimeException e) {
          throw new BadRequestException("input parameter is not valid JSON: " + e.getMessage());
        }
      }
    }
    long parsed = System.nanoTime();

    Evaluation ev = queries.evaluate(path.query(), input, deadline, strict);
    EvalOutcome outcome = ev.outcome();
    Value result = outcome instanceof EvalOutcome.Defined d ? d.value() : null;
    String id = recorder.record(new DecisionRecorder.Decision("data", path.logPath(), input, null,
        result, null, ev, label(outcome), start, parsed - start, Http.remote(ctx),
        RequestBodies.size(ctx)));

    return switch (outcome) {
      case EvalOutcome.InvalidQuery q -> ApiResponse.json(400, ApiResponse.errorBody(
          ErrorCodes.INVALID_PARAMETER, "invalid data path " + rawPath + ": " + q.message(),
          regoErrors(q.errors())), pretty);
      case EvalOutcome.Failed f -> ApiResponse.json(500, ApiResponse.errorBody(
          ErrorCodes.INTERNAL_ERROR, f.message(), List.of(evalError(f.code(), f.message()))),
          pretty);
      case EvalOutcome.TimedOut t -> ApiResponse.json(500, ApiResponse.errorBody(
          ErrorCodes.INTERNAL_ERROR, t.message(),
          List.of(evalError("eval_cancel_error", t.message()))), pretty);
      default -> {
        ObjectValue.Builder b = ObjectValue.builder().put("decision_id", StringValue.of(id));
        if (result != null) {
          b.put("result", result);
        }
        if (withMetrics) {
          b.put("metrics", ObjectValue.builder()
              .put("timer_rego_input_parse_ns", NumberValue.of(parsed - start))
              .put("timer_rego_query_eval_ns", NumberValue.of(ev.evalNanos()))
              .put("timer_server_handler_ns", NumberValue.of(System.nanoTime() - start))
              .build());
        }
        if (inputMissing) {
          b.put("warning", ObjectValue.builder()
              .put("code", StringValue.of("api_usage_warning"))
              .put("message", StringValue.of("'input' key missing from the request"))
              .build());
        }
        yield ApiResponse.json(200, b.build(), pretty);
      }
    };
  }

  private static String label(EvalOutcome o) {
    return switch (o) {
      case EvalOutcome.Defined d -> "defined";
      case EvalOutcome.Undefined u -> "undefined";
      case EvalOutcome.TimedOut t -> "timeout";
      default -> "error";
    };
  }

  private static List<Value> regoErrors(List<RegoError> errors) {
    List<Value> out = new ArrayList<>();
    for (RegoError e : errors) {
      ObjectValue.Builder b = ObjectValue.builder()
          .put("code", StringValue.of(e.code()))
          .put("message", StringValue.of(e.message()));
      if (e.location() != null && e.location().line() > 0) {
        b.put("location", ObjectValue.builder()
            .put("file", StringValue.of(e.location().file()))
            .put("row", NumberValue.of(e.location().line()))
            .put("col", NumberValue.of(e.location().column()))
            .build());
      }
      out.add(b.build());
    }
    return out;
  }

  private static Value evalError(String code, String message) {
    return ObjectValue.builder()
        .put("code", StringValue.of(code))
        .put("message", StringValue.of(message))
        .build();
  }
}
