package dev.mandate.rego.conformance;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The conformance ratchet: runs OPA's whole conformance suite and fails when a case listed in
 * {@code rego/src/test/resources/conformance-baseline.txt} no longer passes. It also writes the
 * cases passing now to {@code rego/target/conformance-passing.txt}; copying that file over the
 * baseline (or {@code ./mandate conformance-baseline}) grows the ratchet.
 *
 * <p>The suite is found at {@code <repo>/../shared/opa-conformance/v1} (or the first
 * {@code shared/opa-conformance/v1} above the repository), or where the system property
 * {@code mandate.conformance.dir} says. Without it the test is skipped.
 */
class ConformanceRatchetTest {
  private static final String SUITE = "shared/opa-conformance/v1";
  private static final Duration CASE_TIMEOUT = Duration.parse(
      "PT" + System.getProperty("mandate.conformance.timeout", "2") + "S");

  @Test
  void everyBaselineCaseStillPasses() throws IOException {
    Path root = repoRoot();
    Path suiteDir = suiteDir(root);
    assumeTrue(suiteDir != null && Files.isDirectory(suiteDir),
        "OPA conformance suite not found (looked for " + SUITE + " above " + root
            + "; set -Dmandate.conformance.dir=<dir>): ratchet skipped");

    ConformanceSuite suite = ConformanceSuite.load(suiteDir);
    ConformanceRunner runner = new ConformanceRunner(CASE_TIMEOUT,
        Runtime.getRuntime().availableProcessors());
    long start = System.nanoTime();
    ConformanceReport report = ConformanceReport.run(suite, runner);
    long millis = (System.nanoTime() - start) / 1_000_000;

    Path passingFile = root.resolve("rego/target/conformance-passing.txt");
    Baseline.write(passingFile, report.passingNotes());
    Path baselineFile = root.resolve("rego/src/test/resources/conformance-baseline.txt");
    Set<String> baseline = Baseline.read(baselineFile);
    // Worded so CI never mistakes it for the build's closing "N passed, M failed" line.
    System.out.println("Conformance ratchet: " + report.passed() + " of "
        + report.outcomes().size() + " cases pass (" + report.skipped().size() + " skipped, "
        + baseline.size() + " in the baseline) in " + millis + "ms; passing notes written to "
        + passingFile);

    List<String> lost = Baseline.regressions(baseline, report.passingNotes());
    if (!lost.isEmpty()) {
      Map<String, CaseOutcome> byNote = report.outcomes().stream()
          .collect(Collectors.toMap(CaseOutcome::note, Function.identity(), (a, b) -> a));
      StringBuilder sb = new StringBuilder(lost.size()
          + " conformance case(s) in the baseline no longer pass:\n");
      for (String note : lost) {
        CaseOutcome o = byNote.get(note);
        sb.append("  ").append(note);
        if (o == null) {
          sb.append(": no such case in the suite any more\n");
        } else {
          sb.append("\n      expected: ").append(o.expected().replace("\n", "\n                "))
              .append("\n      actual:   ").append(o.actual().replace("\n", "\n                "))
              .append('\n');
        }
      }
      fail(sb.toString());
    }
  }

  /** The directory holding {@code .ci} or the parent pom, walking up from the working dir. */
  static Path repoRoot() {
    Path start = Path.of("").toAbsolutePath();
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve(".ci")) || isParentPom(p.resolve("pom.xml"))) {
        return p;
      }
    }
    return start;
  }

  private static boolean isParentPom(Path pom) {
    try {
      return Files.isRegularFile(pom) && Files.readString(pom).contains("<modules>");
    } catch (IOException e) {
      return false;
    }
  }

  static Path suiteDir(Path root) {
    String override = System.getProperty("mandate.conformance.dir");
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    for (Path p = root.getParent(); p != null; p = p.getParent()) {
      Path candidate = p.resolve(SUITE);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
