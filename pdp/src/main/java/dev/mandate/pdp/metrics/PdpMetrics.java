package dev.mandate.pdp.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The service's metrics, rendered in the Prometheus text format by hand. The set is small and
 * fixed, and the format is simple; a client library would add a dependency (and its own
 * registry lifecycle) for no gain here.
 */
public final class PdpMetrics {
  /** Evaluation latency buckets in seconds: dense below the 50 ms default deadline. */
  private static final double[] LATENCY_BUCKETS = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

  public final Counter decisions = new Counter("mandate_pdp_decisions_total",
      "Decisions served, by API and outcome.", "api", "outcome");
  public final Histogram evalLatency = new Histogram("mandate_pdp_evaluation_duration_seconds",
      "Time spent evaluating policy per decision, by API.", LATENCY_BUCKETS, "api");
  public final Histogram eventLoopBatchSize = new Histogram("mandate_pdp_event_loop_batch_size",
      "Requests an event loop worked on together after one pass over its connections.",
      new double[] {1, 2, 4, 8, 16, 32, 64, 128});
  public final Counter reloads = new Counter("mandate_pdp_policy_reloads_total",
      "Policy reload attempts after start, by result.", "result");
  public final Counter decisionLogWritten = new Counter("mandate_pdp_decision_log_events_total",
      "Decision log events written to every configured sink.");
  public final Counter decisionLogDropped = new Counter("mandate_pdp_decision_log_dropped_total",
      "Decision log events dropped, by reason.", "reason");
  public final Counter bodyRejected = new Counter("mandate_pdp_request_body_rejected_total",
      "Requests refused because of their body, by reason.", "reason");
  public final Counter decisionCache = new Counter("mandate_pdp_decision_cache_requests_total",
      "Decision cache lookups, by result.", "result");
  public final Counter httpResponses = new Counter("mandate_pdp_http_responses_total",
      "HTTP responses, by status code class.", "code");

  private final List<Metric> all = new ArrayList<>();

  public PdpMetrics(Supplier<String> revision, IntSupplier decisionLogQueueDepth,
      LongSupplier decisionLogQueuedBytes) {
    for (String outcome : List.of("allow", "deny", "policy_error", "timeout")) {
      decisions.declare("exchange", outcome);
    }
    for (String outcome : List.of("permit", "deny", "error", "timeout")) {
      decisions.declare("authzen", outcome);
    }
    for (String outcome : List.of("defined", "undefined", "error", "timeout")) {
      decisions.declare("data", outcome);
    }
    reloads.declare("ok");
    reloads.declare("failed");
    decisionLogDropped.declare("queue_full");
    decisionLogDropped.declare("sink_error");
    decisionLogDropped.declare("shutdown");
    bodyRejected.declare("too_large");
    bodyRejected.declare("malformed");
    all.add(decisions);
    all.add(evalLatency);
    all.add(eventLoopBatchSize);
    all.add(reloads);
    all.add(new Gauge("mandate_pdp_policy_revision_info",
        "The policy revision serving now (always 1).",
        () -> List.of(new Gauge.Sample(List.of(String.valueOf(revision.get())), 1)), "revision"));
    all.add(decisionLogWritten);
    all.add(decisionLogDropped);
    all.add(new Gauge("mandate_pdp_decision_log_queue_depth",
        "Decision log events waiting to be written.",
        () -> List.of(new Gauge.Sample(List.of(), decisionLogQueueDepth.getAsInt()))));
    all.add(new Gauge("mandate_pdp_decision_log_queued_bytes",
        "Memory the waiting decision log events hold, as estimated against queue_max_bytes.",
        () -> List.of(new Gauge.Sample(List.of(), decisionLogQueuedBytes.getAsLong()))));
    all.add(bodyRejected);
    all.add(decisionCache);
    all.add(httpResponses);
  }

  public String render() {
    StringBuilder sb = new StringBuilder(4096);
    for (Metric m : all) {
      m.render(sb);
    }
    return sb.toString();
  }
}
