package dev.mandate.rego.cli;

import dev.mandate.rego.conformance.Baseline;
import dev.mandate.rego.conformance.CaseOutcome;
import dev.mandate.rego.conformance.ConformanceReport;
import dev.mandate.rego.conformance.ConformanceRunner;
import dev.mandate.rego.conformance.ConformanceSuite;
import dev.mandate.rego.loader.LoadException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code conformance}: runs OPA's YAML conformance cases and reports each failure with the
 * expected and actual outcome, ending with {@code N passed, M failed, K skipped}. With
 * {@code --baseline} it checks the ratchet instead of demanding that everything pass, and with
 * {@code --update-baseline} it grows the baseline to the cases passing now.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
    description = "Run OPA's conformance cases (YAML) found under a directory.")
final class ConformanceCommand extends RegoCommand {
  @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "5s",
      paramLabel = "<duration>", description = "Deadline of each case. Default: 5s.")
  Duration timeout;

  @Option(names = {"-v", "--verbose"}, description = "Print every case with its outcome.")
  boolean verbose;

  @Option(names = {"-q", "--quiet"}, description = "Do not print the failing cases.")
  boolean quiet;

  @Option(names = "--parallelism", paramLabel = "<n>",
      description = "Cases run at once. Default: the number of processors.")
  Integer parallelism;

  @Option(names = "--baseline", paramLabel = "<file>",
      description = "Ratchet: exit 1 only when a case listed in this file no longer passes.")
  Path baseline;

  @Option(names = "--update-baseline",
      description = "With --baseline: write the passing cases into it (refused on regressions).")
  boolean updateBaseline;

  @Option(names = "--write-passing", paramLabel = "<file>",
      description = "Write the notes of all passing cases to this file, sorted.")
  Path writePassing;

  @Parameters(index = "0", paramLabel = "<dir>", description = "Directory of YAML case files.")
  Path dir;

  @Override
  protected int run() throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new LoadException(dir + ": no such directory");
    }
    if (updateBaseline && baseline == null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--update-baseline needs --baseline <file>");
    }
    ConformanceSuite suite = ConformanceSuite.load(dir);
    int threads = parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors();
    ConformanceReport report = ConformanceReport.run(suite, new ConformanceRunner(timeout, threads));
    PrintWriter out = out();
    if (verbose) {
      for (CaseOutcome o : report.outcomes()) {
        out.println((o.passed() ? "PASS " : "FAIL ") + o.note() + " ("
            + GoDurations.format(o.elapsed()) + ")");
      }
    }
    if (!quiet) {
      for (CaseOutcome o : report.failures()) {
        printFailure(out, o);
      }
    }
    for (ConformanceSuite.Skipped s : report.skipped()) {
      out.println("SKIP " + s.note() + " [" + s.file() + "]: " + s.reason());
    }
    if (writePassing != null) {
      Baseline.write(writePassing, report.passingNotes());
    }
    int exit = report.failed() == 0 ? RegoCli.OK : RegoCli.FAILED;
    if (baseline != null) {
      exit = checkBaseline(out, report);
    }
    out.println(report.summaryLine());
    return exit;
  }

  private int checkBaseline(PrintWriter out, ConformanceReport report) throws IOException {
    Set<String> known = Files.exists(baseline) ? Baseline.read(baseline) : Set.of();
    List<String> lost = Baseline.regressions(known, report.passingNotes());
    for (String note : lost) {
      out.println("REGRESSION " + note + ": in the baseline but not passing");
    }
    if (!lost.isEmpty()) {
      out.println(lost.size() + " baseline case(s) no longer pass"
          + (updateBaseline ? "; baseline not updated" : ""));
      return RegoCli.FAILED;
    }
    if (updateBaseline) {
      Baseline.write(baseline, report.passingNotes());
      out.println("baseline " + baseline + ": " + known.size() + " -> "
          + report.passingNotes().size() + " cases");
    }
    return RegoCli.OK;
  }

  static void printFailure(PrintWriter out, CaseOutcome o) {
    out.println("FAIL " + o.note() + " [" + o.file() + "]");
    out.println("  expected: " + indent(o.expected()));
    out.println("  actual:   " + indent(o.actual()));
  }

  private static String indent(String text) {
    return text.replace("\n", "\n            ");
  }
}
