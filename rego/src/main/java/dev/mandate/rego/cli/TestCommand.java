package dev.mandate.rego.cli;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.mandate.rego.Policy;
import dev.mandate.rego.coverage.CoverageReport;
import dev.mandate.rego.coverage.CoverageTracker;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.loader.PolicyFiles;
import dev.mandate.rego.tester.TestResult;
import dev.mandate.rego.tester.TestRunner;
import dev.mandate.rego.tester.TestSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code test}: runs the {@code test_} rules found under the given paths, like opa test. */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = "Run Rego tests (rules named test_*) found in the given files and directories.")
final class TestCommand extends RegoCommand {
  @Option(names = {"-v", "--verbose"}, description = "Print every test, not only failures.")
  boolean verbose;

  @Option(names = {"-r", "--run"}, paramLabel = "<regex>",
      description = "Run only tests whose full name (data.pkg.test_x) matches (RE2 syntax).")
  String run;

  @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "5s",
      paramLabel = "<duration>", description = "Deadline of each test (Go syntax). Default: 5s.")
  Duration timeout;

  @Option(names = "--coverage", description = "Report line coverage of the policies (not of *_test.rego"
      + " files) after the test lines.")
  boolean coverage;

  @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
      description = "Coverage report format. Default: text.")
  String format;

  @Parameters(arity = "1..*", paramLabel = "<path>",
      description = "Policy, test and data files or directories.")
  List<Path> paths;

  @Override
  protected int run() {
    Pattern filter = null;
    if (run != null) {
      try {
        filter = Pattern.compile(run);
      } catch (PatternSyntaxException e) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "invalid --run pattern: " + e.getMessage());
      }
    }
    Policy policy = PolicyFiles.load(paths).compile();
    if (!format.equals("text") && !format.equals("json")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--format must be text or json");
    }
    CoverageTracker tracker = coverage ? new CoverageTracker() : null;
    List<TestResult> results = TestRunner.run(policy,
        new TestRunner.Options(filter, timeout).withCoverage(tracker));
    if (coverage && format.equals("json")) {
      // Machine-readable: the coverage document alone on stdout, test lines on stderr.
      TestReportPrinter.print(err(), results, verbose);
      out().println(Json.writePretty(report(policy, tracker).toJson()));
    } else {
      TestReportPrinter.print(out(), results, verbose);
      if (coverage) {
        out().print(report(policy, tracker).toText());
      }
    }
    return TestSummary.of(results).allPassed() ? RegoCli.OK : RegoCli.FAILED;
  }

  /** Coverage of the policies under test; test files themselves are left out. */
  private static CoverageReport report(Policy policy, CoverageTracker tracker) {
    return CoverageReport.of(policy.modules(), tracker).only(file -> !file.endsWith("_test.rego"));
  }
}
