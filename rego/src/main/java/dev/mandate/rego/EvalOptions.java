package dev.mandate.rego;

import dev.mandate.rego.builtins.BuiltinContext.PrintSink;
import dev.mandate.rego.coverage.CoverageTracker;
import dev.mandate.rego.value.Value;
import java.time.Duration;

/**
 * How one evaluation runs.
 *
 * @param input the input document; null when there is none (refs to {@code input} are undefined)
 * @param timeout the deadline; evaluation past it stops with {@code eval_cancel_error}
 * @param maxSteps the most evaluation steps before the same error; guards runaway policies
 * @param strictBuiltinErrors OPA's strict mode: a built-in error is an error, not undefined
 * @param printSink where {@code print} output goes
 * @param nowNanos the value of {@code time.now_ns()}; null means the wall clock at the start
 * @param coverage records which expressions and rules ran; null (the default) records nothing
 */
public record EvalOptions(Value input, Duration timeout, long maxSteps, boolean strictBuiltinErrors,
    PrintSink printSink, Long nowNanos, CoverageTracker coverage) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final long DEFAULT_MAX_STEPS = 100_000_000L;
  public static final PrintSink DISCARD = (location, line) -> {};

  public EvalOptions {
    if (timeout == null) {
      timeout = DEFAULT_TIMEOUT;
    }
    if (maxSteps <= 0) {
      maxSteps = DEFAULT_MAX_STEPS;
    }
    if (printSink == null) {
      printSink = DISCARD;
    }
  }

  public static EvalOptions defaults() {
    return new EvalOptions(null, DEFAULT_TIMEOUT, DEFAULT_MAX_STEPS, false, DISCARD, null, null);
  }

  public static EvalOptions withInput(Value input) {
    return defaults().input(input);
  }

  public EvalOptions input(Value v) {
    return new EvalOptions(v, timeout, maxSteps, strictBuiltinErrors, printSink, nowNanos, coverage);
  }

  public EvalOptions timeout(Duration d) {
    return new EvalOptions(input, d, maxSteps, strictBuiltinErrors, printSink, nowNanos, coverage);
  }

  public EvalOptions maxSteps(long n) {
    return new EvalOptions(input, timeout, n, strictBuiltinErrors, printSink, nowNanos, coverage);
  }

  public EvalOptions strict(boolean b) {
    return new EvalOptions(input, timeout, maxSteps, b, printSink, nowNanos, coverage);
  }

  public EvalOptions printSink(PrintSink s) {
    return new EvalOptions(input, timeout, maxSteps, strictBuiltinErrors, s, nowNanos, coverage);
  }

  public EvalOptions now(long nanos) {
    return new EvalOptions(input, timeout, maxSteps, strictBuiltinErrors, printSink, nanos, coverage);
  }

  public EvalOptions coverage(CoverageTracker tracker) {
    return new EvalOptions(input, timeout, maxSteps, strictBuiltinErrors, printSink, nowNanos, tracker);
  }
}
