package dev.mandate.rego.conformance;

import java.util.List;
import java.util.TreeSet;

/** The outcomes of a suite run plus the cases that could not run. */
public record ConformanceReport(List<CaseOutcome> outcomes, List<ConformanceSuite.Skipped> skipped) {

  public ConformanceReport {
    outcomes = List.copyOf(outcomes);
    skipped = List.copyOf(skipped);
  }

  public static ConformanceReport run(ConformanceSuite suite, ConformanceRunner runner) {
    return new ConformanceReport(runner.run(suite.cases()), suite.skipped());
  }

  public long passed() {
    return outcomes.stream().filter(CaseOutcome::passed).count();
  }

  public long failed() {
    return outcomes.size() - passed();
  }

  /** The notes of passing cases, sorted: the content of the baseline file. */
  public List<String> passingNotes() {
    TreeSet<String> notes = new TreeSet<>();
    outcomes.stream().filter(CaseOutcome::passed).forEach(o -> notes.add(o.note()));
    return List.copyOf(notes);
  }

  public List<CaseOutcome> failures() {
    return outcomes.stream().filter(o -> !o.passed()).toList();
  }

  /** The closing line: {@code N passed, M failed, K skipped}. */
  public String summaryLine() {
    return passed() + " passed, " + failed() + " failed, " + skipped.size() + " skipped";
  }
}
