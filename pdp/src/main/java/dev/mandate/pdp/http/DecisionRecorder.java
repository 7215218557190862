package dev.mandate.pdp.http;

import dev.mandate.pdp.decisionlog.DecisionEvent;
import dev.mandate.pdp.decisionlog.DecisionLogger;
import dev.mandate.pdp.eval.EvalOutcome;
import dev.mandate.pdp.eval.Evaluation;
import dev.mandate.pdp.id.UuidV7Generator;
import dev.mandate.pdp.metrics.PdpMetrics;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gives each decision its id and leaves its traces: counts it, times it, and queues its decision
 * log event. Every API goes through here, so no decision escapes the log or the metrics.
 */
final class DecisionRecorder {
  private final UuidV7Generator ids;
  private final DecisionLogger log;
  private final PdpMetrics metrics;

  DecisionRecorder(UuidV7Generator ids, DecisionLogger log, PdpMetrics metrics) {
    this.ids = ids;
    this.log = log;
    this.metrics = metrics;
  }

  /**
   * What to record about one decision. {@code inputJson} is the text {@code input} was parsed
   * from when the input is that whole text, and {@code resultJson} the encoding of
   * {@code result} when the API made one; else null (see {@link DecisionEvent}).
   * {@code requestBytes} is the size of the request body, 0 when there was none.
   */
  record Decision(String api, String path, Value input, byte[] inputJson, Value result,
      byte[] resultJson, Evaluation evaluation, String outcome, long handlerStartNanos,
      long inputParseNanos, String requestedBy, long requestBytes) {}

  /** Records the decision and returns its id. */
  String record(Decision d) {
    String id = ids.next().toString();
    long evalNanos = d.evaluation().evalNanos();
    metrics.decisions.inc(d.api(), d.outcome());
    metrics.evalLatency.observe(evalNanos / 1e9, d.api());
    Map<String, Long> timers = new LinkedHashMap<>();
    timers.put("timer_rego_input_parse_ns", d.inputParseNanos());
    timers.put("timer_rego_query_eval_ns", evalNanos);
    timers.put("timer_server_handler_ns", System.nanoTime() - d.handlerStartNanos());
    log.log(new DecisionEvent(id, d.path(), d.input(), d.inputJson(), d.result(),
        d.resultJson(), errorOf(d.evaluation()), d.evaluation().revision(), d.requestedBy(),
        Instant.now(), timers, d.requestBytes()));
    return id;
  }

  /** The engine's error for the decision log (never sent to callers of the decision APIs). */
  private static Value errorOf(Evaluation ev) {
    return switch (ev.outcome()) {
      case EvalOutcome.Failed f -> error(f.code(), f.message());
      case EvalOutcome.TimedOut t -> error("eval_cancel_error", t.message());
      case EvalOutcome.InvalidQuery q -> error("rego_parse_error", q.message());
      default -> null;
    };
  }

  private static Value error(String code, String message) {
    return ObjectValue.builder()
        .put("code", StringValue.of(code))
        .put("message", StringValue.of(message))
        .build();
  }
}
