package dev.mandate.rego.conformance;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.RegoException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs conformance cases and judges each one. It never hangs and never dies on a bad case:
 * every case runs on its own daemon thread with a large stack; the evaluation gets the deadline
 * through {@link EvalOptions#timeout}, and a watchdog abandons a case that has not finished
 * shortly after it (for example one stuck in the compiler, which has no deadline). Every
 * throwable, {@link StackOverflowError} included, becomes that case's outcome.
 */
public final class ConformanceRunner {
  /** Deep (or runaway) recursion should end in a StackOverflowError, not a dead JVM. */
  private static final long CASE_STACK_BYTES = 16L * 1024 * 1024;
  /** How long past its deadline a case may run before the watchdog gives up on it. */
  private static final Duration GRACE = Duration.ofSeconds(2);

  private final Duration timeout;
  private final int parallelism;
  private final CaseEvaluator evaluator;

  /**
   * @param timeout the deadline of each case's evaluation
   * @param parallelism how many cases run at once
   */
  public ConformanceRunner(Duration timeout, int parallelism) {
    this(timeout, parallelism, new EngineEvaluator());
  }

  public ConformanceRunner(Duration timeout, int parallelism, CaseEvaluator evaluator) {
    this.timeout = timeout;
    this.parallelism = Math.max(1, parallelism);
    this.evaluator = evaluator;
  }

  public static ConformanceRunner withDefaults() {
    return new ConformanceRunner(Duration.ofSeconds(5), Runtime.getRuntime().availableProcessors());
  }

  /** Runs every case; the outcomes are in the cases' order. */
  public List<CaseOutcome> run(List<ConformanceCase> cases) {
    return run(cases, outcome -> {});
  }

  /** As {@link #run(List)}, reporting each outcome as soon as it is known (from any thread). */
  public List<CaseOutcome> run(List<ConformanceCase> cases, Consumer<CaseOutcome> progress) {
    CaseOutcome[] outcomes = new CaseOutcome[cases.size()];
    AtomicInteger next = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < Math.min(parallelism, Math.max(1, cases.size())); w++) {
      Thread worker = Thread.ofPlatform().daemon().name("conformance-worker-" + w).unstarted(() -> {
        int i;
        while ((i = next.getAndIncrement()) < cases.size()) {
          outcomes[i] = runWithWatchdog(cases.get(i));
          progress.accept(outcomes[i]);
        }
      });
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      joinUninterruptibly(worker);
    }
    return List.of(outcomes);
  }

  /** Runs one case on a fresh thread and waits at most its deadline plus grace. */
  public CaseOutcome runWithWatchdog(ConformanceCase c) {
    AtomicReference<CaseOutcome> result = new AtomicReference<>();
    long start = System.nanoTime();
    Thread t = Thread.ofPlatform().daemon().name("conformance-case").stackSize(CASE_STACK_BYTES)
        .unstarted(() -> result.set(runOne(c)));
    t.start();
    try {
      t.join(timeout.plus(GRACE));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    CaseOutcome done = result.get();
    if (done != null) {
      return done;
    }
    // Abandon it: the daemon thread may keep running, but the suite moves on.
    t.interrupt();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new CaseOutcome(c.note(), c.file(), false, Expectation.describeExpected(c),
        "did not finish within " + timeout.plus(GRACE).toMillis() + "ms (abandoned)", elapsed);
  }

  /** Runs one case on the calling thread. */
  public CaseOutcome runOne(ConformanceCase c) {
    long start = System.nanoTime();
    Observed observed = observe(c);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    String mismatch;
    try {
      mismatch = Expectation.mismatch(c, observed);
    } catch (RuntimeException e) {
      // The actual values could not even be compared (e.g. not representable as JSON).
      mismatch = "cannot compare: " + e;
    }
    return new CaseOutcome(c.note(), c.file(), mismatch == null,
        Expectation.describeExpected(c),
        mismatch == null ? "as expected" : mismatch + ": " + Expectation.describe(observed),
        elapsed);
  }

  private Observed observe(ConformanceCase c) {
    try {
      return new Observed.Rows(ResultRows.actual(evaluator.evaluate(c, timeout), c.sortBindings()));
    } catch (RegoException e) {
      return Observed.EngineError.of(e);
    } catch (EvalException e) {
      return Observed.EngineError.of(e);
    } catch (StackOverflowError e) {
      return new Observed.Crash("stack overflow");
    } catch (Throwable t) {
      String m = t.getMessage();
      return new Observed.Crash(t.getClass().getName() + (m == null ? "" : ": " + m)
          + whereInEngine(t));
    }
  }

  /** The innermost engine frame of a crash, so a failure report points at the bug. */
  private static String whereInEngine(Throwable t) {
    for (StackTraceElement frame : t.getStackTrace()) {
      if (frame.getClassName().startsWith("dev.mandate.")
          && !frame.getClassName().startsWith(ConformanceRunner.class.getPackageName())) {
        return " (at " + frame + ")";
      }
    }
    return "";
  }

  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
