package dev.mandate.rego.cli;

import dev.mandate.rego.tester.TestResult;
import dev.mandate.rego.tester.TestSummary;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints test results in {@code opa test}'s layout: tests grouped under their file,
 * {@code data.pkg.test_x: PASS (1.2ms)} per test (all of them with {@code -v}, otherwise only
 * those that did not pass), the PASS/FAIL/ERROR/SKIPPED counts, and last the line
 * {@code N passed, M failed} (errors count as failed).
 */
final class TestReportPrinter {
  static final String RULE = "-".repeat(80);

  private TestReportPrinter() {}

  static void print(PrintWriter out, List<TestResult> results, boolean verbose) {
    TestSummary summary = TestSummary.of(results);
    Map<String, List<TestResult>> byFile = new LinkedHashMap<>();
    for (TestResult r : results) {
      if (verbose || !r.passed() && r.status() != TestResult.Status.SKIPPED) {
        byFile.computeIfAbsent(r.location().file(), f -> new java.util.ArrayList<>()).add(r);
      }
    }
    if (results.isEmpty()) {
      out.println("no tests found");
    }
    for (Map.Entry<String, List<TestResult>> group : byFile.entrySet()) {
      out.println(group.getKey() + ":");
      for (TestResult r : group.getValue()) {
        out.println(line(r));
        if (r.status() == TestResult.Status.ERROR && r.message() != null) {
          out.println("  " + r.message());
        }
        if ((verbose || r.failed()) && !r.output().isEmpty()) {
          out.println();
          r.output().forEach(l -> out.println("  " + l));
          out.println();
        }
      }
    }
    if (!results.isEmpty()) {
      if (!byFile.isEmpty()) {
        out.println(RULE);
      }
      count(out, "PASS", summary.passed(), summary.total());
      count(out, "FAIL", summary.failed(), summary.total());
      count(out, "ERROR", summary.errored(), summary.total());
      count(out, "SKIPPED", summary.skipped(), summary.total());
    }
    out.println(summary.closingLine());
  }

  /** {@code data.pkg.test_x: PASS (1.234ms)}; skipped tests have no duration, as in opa. */
  static String line(TestResult r) {
    if (r.status() == TestResult.Status.SKIPPED) {
      return r.name() + ": SKIPPED";
    }
    return r.name() + ": " + r.status() + " (" + GoDurations.format(r.duration()) + ")";
  }

  private static void count(PrintWriter out, String label, int n, int total) {
    if (n > 0) {
      out.println(label + ": " + n + "/" + total);
    }
  }
}
