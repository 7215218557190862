package dev.mandate.rego.tester;

import dev.mandate.rego.ast.Location;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of one test rule.
 *
 * @param name the rule's full reference, {@code data.pkg.test_x}
 * @param location where the rule is defined (its file groups the report)
 * @param status the verdict
 * @param duration time spent evaluating it ({@link Duration#ZERO} when skipped)
 * @param message why it failed or errored (null when it passed or was skipped)
 * @param output lines the test printed with {@code print}
 */
public record TestResult(String name, Location location, Status status, Duration duration,
    String message, List<String> output) {

  public TestResult {
    output = List.copyOf(output);
  }

  /** How a test ended. {@code ERROR} means evaluation failed; it counts as a failure. */
  public enum Status { PASS, FAIL, ERROR, SKIPPED }

  public boolean passed() {
    return status == Status.PASS;
  }

  /** True for FAIL and ERROR. */
  public boolean failed() {
    return status == Status.FAIL || status == Status.ERROR;
  }
}
