package dev.mandate.bench.load;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Decides when a saturation run's measured window opens: no sooner than the minimum warm-up, and
 * not while this JVM's JIT compilers are still busy. Compiling a server's hot code takes seconds
 * of CPU (the decision service's evaluator, ~6–8 s of C2 time on this project's 2-CPU machines),
 * and on a machine whose CPUs the generator and the server already share, compilation that
 * spills into the window takes CPU from the server being measured: the figure would then be part
 * warm-up. Steady state is what a saturation figure means, so the warm-up runs on until the
 * compilers have been quiet for a whole {@link #QUIET_SPAN} (or until the maximum, after which
 * the window opens anyway and the report shows how much compiling it contained).
 *
 * <p>Only meaningful when the server runs in the generator's JVM, as in {@link PdpLoadBenchmark};
 * against another process it waits only for the generator's own compilation.
 *
 * <p>Polled from the generator's event loops (every {@link #POLL}); the loops of one run share a
 * gate, and the window it decides opens two polls after the decision, so that every loop has
 * polled and knows the window before it opens.
 */
final class WarmupGate {
  static final Duration POLL = Duration.ofMillis(250);
  /** How long the compilers must stay (nearly) idle. */
  static final Duration QUIET_SPAN = Duration.ofSeconds(1);
  /** JIT time allowed within a quiet span: the odd late compilation of a cold path. */
  static final long QUIET_JIT_MILLIS = 20;
  /** How much longer than the minimum the warm-up may last. */
  static final Duration MAX_EXTRA = Duration.ofSeconds(60);
  private static final long LEAD_NANOS = 2 * POLL.toNanos();

  private final LongSupplier jitMillis;
  private final long earliest;
  private final long latest;
  private long spanStart;
  private long spanJit;
  private boolean lastSpanQuiet;
  private long windowStart = -1;

  /** A gate for a run started at {@code start} (a {@code nanoTime}) reading this JVM's JIT time. */
  WarmupGate(long start, Duration minimum) {
    this(start, minimum, MAX_EXTRA, WarmupGate::jitMillis);
  }

  WarmupGate(long start, Duration minimum, Duration maxExtra, LongSupplier jitMillis) {
    this.jitMillis = jitMillis;
    this.earliest = start + minimum.toNanos();
    this.latest = earliest + maxExtra.toNanos();
    this.spanStart = start;
    this.spanJit = jitMillis.getAsLong();
  }

  /**
   * The window's start (a {@code nanoTime}, two polls after the decision) once decided,
   * otherwise -1. {@code now} is the caller's {@code System.nanoTime()}.
   */
  synchronized long poll(long now) {
    if (windowStart >= 0) {
      return windowStart;
    }
    if (now - spanStart >= QUIET_SPAN.toNanos()) {
      long jit = jitMillis.getAsLong();
      lastSpanQuiet = jit - spanJit <= QUIET_JIT_MILLIS;
      spanStart = now;
      spanJit = jit;
    }
    if (now - earliest >= 0 && (lastSpanQuiet || now - latest >= 0)) {
      windowStart = now + LEAD_NANOS;
    }
    return windowStart;
  }

  /** Milliseconds this JVM's JIT compilers have spent compiling, or 0 if it cannot tell. */
  static long jitMillis() {
    CompilationMXBean c = ManagementFactory.getCompilationMXBean();
    return c != null && c.isCompilationTimeMonitoringSupported()
        ? c.getTotalCompilationTime() : 0;
  }
}
