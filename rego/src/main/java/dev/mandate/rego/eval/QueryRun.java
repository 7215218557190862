package dev.mandate.rego.eval;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.builtins.BuiltinContext;
import dev.mandate.rego.value.Value;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything one query evaluation shares: its clock, its limits, its per-query caches and its
 * print sink. Built-ins see it as their {@link BuiltinContext}. Never shared between threads.
 */
final class QueryRun implements BuiltinContext {
  private static final int CLOCK_CHECK_INTERVAL = 1024;
  /** Built-ins can be costly (a regex over a long string), so their calls check the clock sooner. */
  private static final int BUILTIN_CLOCK_CHECK_INTERVAL = 32;

  private final long now;
  private final long deadlineNanos;
  private final long maxSteps;
  private final boolean strict;
  private final PrintSink printSink;
  /** Null unless coverage is being measured. */
  final dev.mandate.rego.coverage.CoverageTracker coverage;
  private final Map<Object, Value> queryCache = new HashMap<>();
  /**
   * Steps are counted down in blocks of at most {@value #CLOCK_CHECK_INTERVAL}, cut short to end
   * at the step limit: each step is one decrement and test, and the limit and the clock are
   * checked only when a block runs out. The steps counted before the current block, its size,
   * and the steps left in it:
   */
  private long stepsBeforeBlock;
  private int blockSize;
  private int blockLeft;
  private long builtinCalls;

  QueryRun(EvalOptions options) {
    this.now = options.nowNanos() != null ? options.nowNanos() : wallClockNanos();
    this.deadlineNanos = System.nanoTime() + options.timeout().toNanos();
    this.maxSteps = options.maxSteps();
    this.strict = options.strictBuiltinErrors();
    this.printSink = options.printSink();
    this.coverage = options.coverage();
    startBlock(0);
  }

  private static long wallClockNanos() {
    java.time.Instant i = java.time.Instant.now();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  /** Counts one evaluation step; throws when the step limit or the deadline is passed. */
  void step() {
    if (--blockLeft < 0) {
      blockEnd();
    }
  }

  /** The step that overran the block: over the limit, past the deadline, or the next block's first. */
  private void blockEnd() {
    long step = stepsBeforeBlock + blockSize + 1;
    if (step > maxSteps) {
      throw new EvalException(EvalException.CANCEL, "evaluation step limit exceeded (" + maxSteps + " steps)", null);
    }
    if (System.nanoTime() - deadlineNanos > 0) {
      throw new EvalException(EvalException.CANCEL, "evaluation deadline exceeded", null);
    }
    startBlock(step);
  }

  /** Starts a block after {@code counted} steps. */
  private void startBlock(long counted) {
    stepsBeforeBlock = counted;
    blockSize = (int) Math.min(CLOCK_CHECK_INTERVAL, maxSteps - counted);
    blockLeft = blockSize;
  }

  /** Counts one built-in call as a step, checking the deadline every few calls. */
  void builtinStep() {
    step();
    if ((++builtinCalls % BUILTIN_CLOCK_CHECK_INTERVAL) == 0 && System.nanoTime() - deadlineNanos > 0) {
      throw new EvalException(EvalException.CANCEL, "evaluation deadline exceeded", null);
    }
  }

  @Override
  public long nowNanos() {
    return now;
  }

  @Override
  public Value queryCache(Object key, Function<Object, Value> compute) {
    return queryCache.computeIfAbsent(key, compute);
  }

  @Override
  public PrintSink printSink() {
    return printSink;
  }

  @Override
  public boolean strict() {
    return strict;
  }

  @Override
  public void checkCancelled() {
    if (System.nanoTime() - deadlineNanos > 0) {
      throw new EvalException(EvalException.CANCEL, "evaluation deadline exceeded", null);
    }
    step();
  }
}
