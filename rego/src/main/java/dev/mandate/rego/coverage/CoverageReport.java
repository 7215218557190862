package dev.mandate.rego.coverage;

import dev.mandate.rego.ast.Expr;
import dev.mandate.rego.ast.Module;
import dev.mandate.rego.ast.Rule;
import dev.mandate.rego.ast.Term;
import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Line coverage of a set of modules, as {@code opa test --coverage} reports it: a line is
 * coverable when a rule head or a body expression starts on it, covered when evaluation reached
 * it. Per file: covered and not-covered line ranges and the percentage; then totals.
 */
public record CoverageReport(Map<String, FileCoverage> files, int coveredLines, int notCoveredLines) {

  /** Coverage of one file; lines ascending. */
  public record FileCoverage(List<Integer> covered, List<Integer> notCovered) {
    public double percent() {
      return CoverageReport.percent(covered.size(), notCovered.size());
    }
  }

  public static CoverageReport of(List<Module> modules, CoverageTracker tracker) {
    Map<String, FileCoverage> files = new LinkedHashMap<>();
    int covered = 0;
    int notCovered = 0;
    for (Module m : modules) {
      Set<Integer> coverable = new TreeSet<>();
      for (Rule r : m.rules()) {
        rule(r, coverable);
      }
      Set<Integer> hit = tracker.lines(m.file());
      List<Integer> yes = new ArrayList<>();
      List<Integer> no = new ArrayList<>();
      for (int line : coverable) {
        (hit.contains(line) ? yes : no).add(line);
      }
      files.put(m.file(), new FileCoverage(yes, no));
      covered += yes.size();
      notCovered += no.size();
    }
    return new CoverageReport(files, covered, notCovered);
  }

  public double percent() {
    return percent(coveredLines, notCoveredLines);
  }

  static double percent(int covered, int notCovered) {
    int total = covered + notCovered;
    return total == 0 ? 100.0 : 100.0 * covered / total;
  }

  /** The same report restricted to the files the predicate accepts (e.g. not the tests). */
  public CoverageReport only(java.util.function.Predicate<String> fileFilter) {
    Map<String, FileCoverage> kept = new LinkedHashMap<>();
    int c = 0;
    int n = 0;
    for (Map.Entry<String, FileCoverage> e : files.entrySet()) {
      if (fileFilter.test(e.getKey())) {
        kept.put(e.getKey(), e.getValue());
        c += e.getValue().covered().size();
        n += e.getValue().notCovered().size();
      }
    }
    return new CoverageReport(kept, c, n);
  }

  private static void rule(Rule r, Set<Integer> out) {
    for (Rule x = r; x != null; x = x.elseRule()) {
      out.add(x.location().line());
      body(x.body(), out);
      term(x.head().value(), out);
    }
  }

  private static void body(List<Expr> body, Set<Integer> out) {
    for (Expr e : body) {
      out.add(e.location().line());
      switch (e.node()) {
        case Expr.TermExpr t -> term(t.term(), out);
        case Expr.Unify u -> {
          term(u.left(), out);
          term(u.right(), out);
        }
        case Expr.Assign a -> term(a.right(), out);
        case Expr.SomeIn s -> term(s.collection(), out);
        case Expr.Every ev -> {
          term(ev.domain(), out);
          body(ev.body(), out);
        }
        case Expr.SomeDecl d -> {}
      }
    }
  }

  /** Bodies nested in terms (comprehensions) are coverable too. */
  private static void term(Term t, Set<Integer> out) {
    switch (t) {
      case Term.ArrayComprehension c -> body(c.body(), out);
      case Term.SetComprehension c -> body(c.body(), out);
      case Term.ObjectComprehension c -> body(c.body(), out);
      case Term.Call c -> c.args().forEach(a -> term(a, out));
      case Term.ArrayTerm a -> a.items().forEach(i -> term(i, out));
      case Term.SetTerm s -> s.items().forEach(i -> term(i, out));
      case Term.ObjectTerm o -> o.values().forEach(v -> term(v, out));
      default -> {}
    }
  }

  /** OPA's coverage JSON: files with covered / not_covered row ranges, counts and percentages. */
  public Value toJson() {
    ObjectValue.Builder filesJson = ObjectValue.builder();
    files.forEach((file, fc) -> filesJson.put(file, ObjectValue.builder()
        .put("covered", ranges(fc.covered()))
        .put("not_covered", ranges(fc.notCovered()))
        .put("covered_lines", NumberValue.of(fc.covered().size()))
        .put("not_covered_lines", NumberValue.of(fc.notCovered().size()))
        .put("coverage", pct(fc.percent()))
        .build()));
    return ObjectValue.builder()
        .put("files", filesJson.build())
        .put("covered_lines", NumberValue.of(coveredLines))
        .put("not_covered_lines", NumberValue.of(notCoveredLines))
        .put("coverage", pct(percent()))
        .build();
  }

  /** A readable table: one line per file, uncovered rows listed, then the total. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    files.forEach((file, fc) -> {
      sb.append(String.format("%6.2f%%  %s", fc.percent(), file));
      if (!fc.notCovered().isEmpty()) {
        sb.append("  not covered: ").append(rangeText(fc.notCovered()));
      }
      sb.append('\n');
    });
    sb.append(String.format("%6.2f%%  total (%d of %d lines)%n", percent(), coveredLines,
        coveredLines + notCoveredLines));
    return sb.toString();
  }

  private static Value pct(double p) {
    return NumberValue.of(BigDecimal.valueOf(p).setScale(2, RoundingMode.HALF_EVEN));
  }

  private static List<int[]> runs(List<Integer> lines) {
    List<int[]> out = new ArrayList<>();
    for (int line : lines) {
      if (!out.isEmpty() && out.get(out.size() - 1)[1] == line - 1) {
        out.get(out.size() - 1)[1] = line;
      } else {
        out.add(new int[] {line, line});
      }
    }
    return out;
  }

  private static Value ranges(List<Integer> lines) {
    List<Value> out = new ArrayList<>();
    for (int[] r : runs(lines)) {
      out.add(ObjectValue.builder()
          .put("start", ObjectValue.of("row", NumberValue.of(r[0])))
          .put("end", ObjectValue.of("row", NumberValue.of(r[1])))
          .build());
    }
    return ArrayValue.of(out);
  }

  private static String rangeText(List<Integer> lines) {
    List<String> parts = new ArrayList<>();
    for (int[] r : runs(lines)) {
      parts.add(r[0] == r[1] ? Integer.toString(r[0]) : r[0] + "-" + r[1]);
    }
    return String.join(", ", parts);
  }
}
