package dev.mandate.rego.tester;

import dev.mandate.rego.coverage.CoverageTracker;

import com.google.re2j.Pattern;
import dev.mandate.rego.EvalException;
import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.Policy;
import dev.mandate.rego.QueryResult;
import dev.mandate.rego.RuleInfo;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.Value;
import dev.mandate.rego.value.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds and runs a policy's tests, as {@code opa test} does. A test is a rule (not a function)
 * whose name starts with {@code test_}; it passes when {@code data.<pkg>.<name>} is defined and
 * {@code true}, fails when it is undefined or has any other value, and errors when evaluation
 * fails. Rules named {@code todo_test_...} are reported as skipped.
 *
 * <p>The runner only returns structured results: the CLI prints them, and other callers (such
 * as JUnit dynamic tests) turn them into whatever they need.
 */
public final class TestRunner {
  static final String TEST_PREFIX = "test_";
  static final String SKIP_PREFIX = "todo_test_";

  /**
   * @param filter only tests whose full name ({@code data.pkg.test_x}) matches are run (a
   *     search, as with Go's regexp); null runs every test
   * @param timeout the deadline of each test
   */
  public record Options(Pattern filter, Duration timeout, CoverageTracker coverage) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public Options(Pattern filter, Duration timeout) {
      this(filter, timeout, null);
    }

    public static Options defaults() {
      return new Options(null, DEFAULT_TIMEOUT, null);
    }

    /** The same options, recording line coverage into {@code tracker}. */
    public Options withCoverage(CoverageTracker tracker) {
      return new Options(filter, timeout, tracker);
    }
  }

  /** A discovered test: its rule, with the verdict to give without running it (if any). */
  public record TestCase(RuleInfo rule, boolean skipped) {
    public String name() {
      return rule.ref();
    }
  }

  /** The tests of the policy in rule order; a rule defined by several bodies counts once. */
  public static List<TestCase> discover(Policy policy, Options options) {
    Map<String, TestCase> byName = new LinkedHashMap<>();
    for (RuleInfo rule : policy.rules()) {
      if (rule.isFunction()) {
        continue;
      }
      String n = rule.name();
      boolean test = n.startsWith(TEST_PREFIX);
      boolean todo = n.startsWith(SKIP_PREFIX);
      if (!test && !todo) {
        continue;
      }
      if (options.filter() != null && !options.filter().matcher(rule.ref()).find()) {
        continue;
      }
      byName.putIfAbsent(rule.ref(), new TestCase(rule, todo));
    }
    return List.copyOf(byName.values());
  }

  public static List<TestResult> run(Policy policy, Options options) {
    List<TestResult> results = new ArrayList<>();
    for (TestCase test : discover(policy, options)) {
      results.add(run(policy, test, options));
    }
    return results;
  }

  /** Runs one test; never throws for anything the policy does. */
  public static TestResult run(Policy policy, TestCase test, Options options) {
    RuleInfo rule = test.rule();
    if (test.skipped()) {
      return new TestResult(rule.ref(), rule.location(), TestResult.Status.SKIPPED,
          Duration.ZERO, null, List.of());
    }
    List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
    EvalOptions eval = EvalOptions.defaults()
        .timeout(options.timeout())
        .printSink((location, line) -> output.add(line))
        .coverage(options.coverage());
    long start = System.nanoTime();
    TestResult.Status status;
    String message = null;
    try {
      List<QueryResult> rs = policy.prepare(rule.ref()).eval(eval);
      if (rs.isEmpty()) {
        status = TestResult.Status.FAIL;
        message = "undefined";
      } else {
        Value v = rs.get(0).expressions().get(0);
        if (v == BooleanValue.TRUE) {
          status = TestResult.Status.PASS;
        } else {
          status = TestResult.Status.FAIL;
          message = "value: " + Values.toRego(v);
        }
      }
    } catch (EvalException e) {
      status = TestResult.Status.ERROR;
      message = e.getMessage();
    } catch (RuntimeException | StackOverflowError e) {
      // Preparing the test's own query failed, or the engine broke: report, don't abort the run.
      status = TestResult.Status.ERROR;
      message = e instanceof StackOverflowError ? "stack overflow" : e.getMessage() == null
          ? e.getClass().getName() : e.getMessage();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new TestResult(rule.ref(), rule.location(), status, elapsed, message, output);
  }
}
