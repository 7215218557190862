package dev.mandate.bench.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The saturation windows of a run that measures the bare endpoint and the decision service in
 * alternation, round after round ({@code bench-load --rounds N}). The machine's speed drifts by
 * 10–20 % over minutes, so two figures taken minutes apart compare the machine as much as the
 * servers; a round measures both within a minute, and the ratio of a round compares like with
 * like. The run's ratio is the median of the rounds' ratios.
 */
final class Rounds {
  /** One round: each server's saturation windows (1 generator loop, then more), in order run. */
  record Round(int number, List<LoadResult> bare, List<LoadResult> pdp) {
    /** The better of the server's windows in this round, as a single run counts it. */
    static LoadResult best(List<LoadResult> windows) {
      return windows.stream().max(Comparator.comparingDouble(LoadResult::throughput))
          .orElseThrow();
    }

    double ratio() {
      double bareBest = best(bare).throughput();
      return bareBest == 0 ? 0 : best(pdp).throughput() / bareBest;
    }
  }

  private final List<Round> rounds = new ArrayList<>();

  void add(Round r) {
    rounds.add(r);
  }

  /** Every window, round by round. */
  List<LoadResult> windows() {
    List<LoadResult> out = new ArrayList<>();
    for (Round r : rounds) {
      out.addAll(r.bare());
      out.addAll(r.pdp());
    }
    return out;
  }

  /** The median of the rounds' PDP / bare ratios; null without rounds. */
  Double medianRatio() {
    return median(rounds.stream().map(Round::ratio).toList());
  }

  /** The median over the rounds of each server's better window; null without rounds. */
  Double medianThroughput(boolean pdp) {
    return median(rounds.stream()
        .map(r -> Round.best(pdp ? r.pdp() : r.bare()).throughput()).toList());
  }

  /** The median; of an even count, the mean of the middle two. Null for none. */
  static Double median(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** One line per round, for the table report. */
  String table() {
    StringBuilder out = new StringBuilder();
    for (Round r : rounds) {
      out.append(String.format(Locale.ROOT, "  round %d: bare %,.0f req/s, pdp %,.0f "
          + "decisions/s, PDP / bare %.3f%n", r.number(), Round.best(r.bare()).throughput(),
          Round.best(r.pdp()).throughput(), r.ratio()));
    }
    return out.toString();
  }

  /** The rounds for the JSON report. */
  List<Map<String, Object>> json() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Round r : rounds) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("round", r.number());
      m.put("bare", Report.json(r.bare()));
      m.put("pdp", Report.json(r.pdp()));
      m.put("pdp_to_bare_saturation_ratio", Math.round(r.ratio() * 1000) / 1000.0);
      out.add(m);
    }
    return out;
  }
}
