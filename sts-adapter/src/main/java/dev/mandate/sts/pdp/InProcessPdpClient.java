package dev.mandate.sts.pdp;

import dev.mandate.pdp.decisionlog.DecisionEvent;
import dev.mandate.pdp.decisionlog.DecisionLogSink;
import dev.mandate.pdp.decisionlog.DecisionLogger;
import dev.mandate.pdp.decisionlog.EventEncoder;
import dev.mandate.pdp.decisionlog.Masker;
import dev.mandate.pdp.decisionlog.RotatingFileSink;
import dev.mandate.pdp.eval.EvalOutcome;
import dev.mandate.pdp.eval.Evaluation;
import dev.mandate.pdp.eval.QueryService;
import dev.mandate.pdp.exchange.ExchangeDecision;
import dev.mandate.pdp.exchange.ExchangeInput;
import dev.mandate.pdp.id.UuidV7Generator;
import dev.mandate.pdp.metrics.PdpMetrics;
import dev.mandate.pdp.policy.PolicyDirectory;
import dev.mandate.pdp.policy.PolicyStore;
import dev.mandate.pdp.policy.PolicyWatcher;
import dev.mandate.pdp.validation.InvalidInputException;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the exchange policies in this JVM with the decision service's own parts: its policy
 * store (compiled once, hot-reloaded by the watcher when enabled), its query service with a
 * deadline, its fail-closed reading of the result, its UUIDv7 decision ids and its decision log.
 *
 * <p>A decision waits on nothing (the decision log is written by its own thread); it only
 * computes, and its deadline bounds how long. With a deadline within
 * {@link PdpClient#EVENT_LOOP_BUDGET} it does not {@link #blocks() block}, and the STS runs
 * exchanges on its event loops.
 */
public final class InProcessPdpClient implements PdpClient {
  public static final String QUERY = "data.mandate.exchange.decision";
  /**
   * The evaluation deadline of {@code serve}: the event-loop budget. The shipped policies decide
   * in well under a millisecond; the deadline only cuts off a runaway policy (fail closed).
   */
  public static final Duration DEFAULT_DEADLINE = EVENT_LOOP_BUDGET;
  private static final int WARM_UP_EVALUATIONS = 500;
  private static final Duration WARM_UP_BUDGET = Duration.ofSeconds(5);
  private static final String LOG_PATH = "mandate/exchange/decision";

  private final PolicyStore store;
  private final PolicyWatcher watcher;
  private final QueryService queries;
  private final UuidV7Generator ids = new UuidV7Generator();
  private final DecisionLogger log;
  private final Duration deadline;

  /**
   * @param decisionLog the decision log file, or null for none
   * @param watchInterval how often to look for policy changes, or null not to watch
   */
  public InProcessPdpClient(Path policies, Path decisionLog, Duration deadline,
      Duration watchInterval) {
    this.store = new PolicyStore(new PolicyDirectory(policies), 64, outcome -> {});
    store.loadInitial();
    this.deadline = deadline;
    this.log = decisionLog == null ? DecisionLogger.disabled() : fileLog(decisionLog);
    this.log.start();
    PdpMetrics metrics = new PdpMetrics(() -> store.current().revision(), log::queueDepth,
        log::queuedBytes);
    this.queries = new QueryService(store, null, metrics);
    if (!blocks()) {
      warmUp();
    }
    this.watcher = watchInterval == null ? null : new PolicyWatcher(store, watchInterval);
    if (watcher != null) {
      watcher.start();
    }
  }

  /**
   * With a short deadline, evaluates the decision a few hundred times before the first request
   * (as the decision service does before it reports ready), so the JIT has compiled the
   * evaluator and the first exchanges do not run out of time in the interpreter. Results are
   * discarded and not logged.
   */
  private void warmUp() {
    long until = System.nanoTime() + WARM_UP_BUDGET.toNanos();
    Value input = Json.parse("{\"request\": {}, \"subject_token\": {\"claims\": {}},"
        + " \"client\": {}, \"context\": {}}");
    for (int i = 0; i < WARM_UP_EVALUATIONS && System.nanoTime() < until; i++) {
      queries.evaluate(QUERY, input, WARM_UP_BUDGET, false);
    }
  }

  /** Only when the deadline exceeds the event-loop budget: evaluation never waits on I/O. */
  @Override
  public boolean blocks() {
    return deadline.compareTo(EVENT_LOOP_BUDGET) > 0;
  }

  private static DecisionLogger fileLog(Path file) {
    List<DecisionLogSink> sinks = new ArrayList<>();
    sinks.add(new RotatingFileSink(file, 50L * 1024 * 1024, 5));
    EventEncoder encoder = new EventEncoder(new Masker(List.of()), Map.of("app", "mandate-sts"));
    return new DecisionLogger(10_000, encoder, sinks, () -> {}, (reason, n) -> {});
  }

  @Override
  public PdpDecision decide(ObjectValue input) {
    try {
      ExchangeInput.validate(input);
    } catch (InvalidInputException e) {
      throw new MalformedDecisionException("the STS built an input the PDP rejects: "
          + e.getMessage());
    }
    Evaluation ev = queries.evaluate(QUERY, input, deadline, false);
    ExchangeDecision d = ExchangeDecision.from(ev.outcome());
    String id = ids.next().toString();
    log.log(new DecisionEvent(id, LOG_PATH, input, d.decision(), errorOf(ev.outcome()),
        ev.revision(), "sts", Instant.now(), Map.of("timer_rego_query_eval_ns", ev.evalNanos())));
    return DecisionReader.read(d.decision(), id, ev.revision());
  }

  private static Value errorOf(EvalOutcome o) {
    String message = switch (o) {
      case EvalOutcome.Failed f -> f.code() + ": " + f.message();
      case EvalOutcome.TimedOut t -> "eval_cancel_error: " + t.message();
      case EvalOutcome.InvalidQuery q -> "rego_parse_error: " + q.message();
      default -> null;
    };
    return message == null ? null
        : ObjectValue.builder().put("message", StringValue.of(message)).build();
  }

  public String revision() {
    return store.current().revision();
  }

  @Override
  public String describe() {
    return "in-process PDP on " + store.directory().root() + " (revision " + revision() + ")";
  }

  @Override
  public void close() {
    if (watcher != null) {
      watcher.close();
    }
    log.close();
  }
}
