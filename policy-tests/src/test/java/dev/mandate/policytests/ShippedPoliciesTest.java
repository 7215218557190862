package dev.mandate.policytests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.Policy;
import dev.mandate.rego.coverage.CoverageReport;
import dev.mandate.rego.coverage.CoverageTracker;
import dev.mandate.rego.loader.PolicyFiles;
import dev.mandate.rego.tester.TestResult;
import dev.mandate.rego.tester.TestRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The shipped policies' own Rego unit tests, one JUnit test per {@code test_*} rule (named after
 * the rule), and their line coverage, inside the Maven build.
 */
class ShippedPoliciesTest {
  /** The coverage the shipped policies must keep (test files excluded). */
  static final double MIN_COVERAGE_PERCENT = 95.0;

  private static final Path POLICIES = findPolicies();
  private static final Policy POLICY = PolicyFiles.load(List.of(POLICIES)).compile();

  /** The shipped {@code policies/} directory, found above the working directory. */
  static Path policiesDir() {
    return POLICIES;
  }

  private static Path findPolicies() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("policies");
      if (Files.isDirectory(p.resolve("mandate"))) {
        return p;
      }
    }
    throw new IllegalStateException("policies/ not found above " + Path.of("").toAbsolutePath());
  }

  @TestFactory
  Stream<DynamicTest> everyPolicyTestPasses() {
    List<TestRunner.TestCase> tests = TestRunner.discover(POLICY, TestRunner.Options.defaults());
    assertFalse(tests.isEmpty(), "no test_* rules under " + POLICIES);
    return tests.stream().map(test -> DynamicTest.dynamicTest(test.name(), () -> {
      TestResult r = TestRunner.run(POLICY, test, TestRunner.Options.defaults());
      assertEquals(TestResult.Status.PASS, r.status(),
          () -> test.name() + " at " + test.rule().location() + ": " + r.message() + " " + r.output());
    }));
  }

  @Test
  void shippedPoliciesAreCovered() {
    CoverageTracker tracker = new CoverageTracker();
    TestRunner.run(POLICY, TestRunner.Options.defaults().withCoverage(tracker));
    CoverageReport report = CoverageReport.of(POLICY.modules(), tracker)
        .only(file -> !file.endsWith("_test.rego"));
    assertFalse(report.files().isEmpty());
    assertTrue(report.percent() >= MIN_COVERAGE_PERCENT,
        () -> "policy line coverage " + report.percent() + "% is below " + MIN_COVERAGE_PERCENT + "%:\n"
            + report.toText());
  }
}
