package dev.mandate.rego.tester;

import java.util.List;

/** Counts over a test run. Errors count as failures in {@link #closingLine()}. */
public record TestSummary(int total, int passed, int failed, int errored, int skipped) {

  public static TestSummary of(List<TestResult> results) {
    int p = 0;
    int f = 0;
    int e = 0;
    int s = 0;
    for (TestResult r : results) {
      switch (r.status()) {
        case PASS -> p++;
        case FAIL -> f++;
        case ERROR -> e++;
        case SKIPPED -> s++;
      }
    }
    return new TestSummary(results.size(), p, f, e, s);
  }

  public boolean allPassed() {
    return failed == 0 && errored == 0;
  }

  /** {@code N passed, M failed}: the last line of every test run. */
  public String closingLine() {
    return passed + " passed, " + (failed + errored) + " failed";
  }
}
