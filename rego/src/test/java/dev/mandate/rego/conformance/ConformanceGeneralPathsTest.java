package dev.mandate.rego.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mandate.rego.coverage.CoverageTracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * OPA's conformance suite once more, with coverage measured. Measuring coverage sends the
 * evaluator down its general paths where its fast ones skip work (rules and functions of
 * constant value, and predicates, otherwise run straight to their first solution without the
 * collector that checks each value), so every case in the baseline must pass this way too: a
 * fast path and the general one may not differ on anything the suite asks.
 */
class ConformanceGeneralPathsTest {
  private static final Duration CASE_TIMEOUT = Duration.parse(
      "PT" + System.getProperty("mandate.conformance.timeout", "2") + "S");

  @Test
  void everyBaselineCasePassesWithCoverageMeasured() throws IOException {
    Path root = ConformanceRatchetTest.repoRoot();
    Path suiteDir = ConformanceRatchetTest.suiteDir(root);
    assumeTrue(suiteDir != null && Files.isDirectory(suiteDir),
        "OPA conformance suite not found: skipped");

    ConformanceRunner runner = new ConformanceRunner(CASE_TIMEOUT,
        Runtime.getRuntime().availableProcessors(),
        new EngineEvaluator(options -> options.coverage(new CoverageTracker())));
    ConformanceReport report = ConformanceReport.run(ConformanceSuite.load(suiteDir), runner);
    Set<String> baseline = Baseline.read(
        root.resolve("rego/src/test/resources/conformance-baseline.txt"));

    List<String> lost = Baseline.regressions(baseline, report.passingNotes());
    assertEquals(List.of(), lost, "baseline cases that fail with coverage measured");
  }
}
