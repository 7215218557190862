package dev.mandate.bench.load;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * How sure several runs of {@code bench-load --rounds N --format json} make the PDP / bare
 * ratio. One run's ratio (the median of its rounds) moves by about ±0.02 from run to run on a
 * shared machine, so whether a build meets a target near its ratio cannot be read off one run,
 * nor off the count of runs on either side.
 *
 * <p>This reads the runs of one build and reports the median of their medians, the median of
 * all their rounds pooled, and for each a 95 % interval from a bootstrap that resamples whole
 * runs (rounds of one run share its phase of the machine, so they are not independent draws).
 * The verdict is "above" only when both intervals lie above the target, "below" only when both
 * lie below it, and "not settled" otherwise.
 */
@Command(name = "bench-summary", mixinStandardHelpOptions = true,
    description = "Median PDP / bare ratio over several bench-load --rounds JSON reports of one"
        + " build, with 95 % bootstrap intervals, against a target.")
public final class RatioSummary implements Callable<Integer> {
  @Parameters(paramLabel = "REPORT", arity = "1..*",
      description = "JSON reports of `bench-load --rounds N --format json`, one per run.")
  List<Path> reports;

  @Option(names = "--target", defaultValue = "0.5", paramLabel = "RATIO",
      description = "The ratio to compare with (default: ${DEFAULT-VALUE}).")
  double target;

  @Option(names = "--resamples", defaultValue = "10000", paramLabel = "N",
      description = "Bootstrap resamples (default: ${DEFAULT-VALUE}).")
  int resamples;

  @Option(names = "--seed", defaultValue = "8693", paramLabel = "N",
      description = "Seed of the resampling, so a summary can be repeated (default:"
          + " ${DEFAULT-VALUE}).")
  long seed;

  /** One run: its file name and the PDP / bare ratio of each of its rounds. */
  record Run(String name, List<Double> rounds) {
    double median() {
      return Rounds.median(rounds);
    }
  }

  /** A 95 % interval. */
  record Interval(double low, double high) {}

  /** Where the ratio lies against the target, as far as the runs can tell. */
  enum Verdict {
    ABOVE("above (both intervals lie above it)"),
    BELOW("below (both intervals lie below it)"),
    NOT_SETTLED("not settled (an interval reaches it; more runs or a larger margin)");

    final String description;

    Verdict(String description) {
      this.description = description;
    }
  }

  /** What several runs say about the ratio. */
  record Summary(List<Run> runs, double target, double medianOfRuns, Interval medianOfRunsCi,
      double pooledMedian, Interval pooledMedianCi, Verdict verdict) {
    int roundCount() {
      return runs.stream().mapToInt(r -> r.rounds().size()).sum();
    }

    long roundsAtTarget() {
      return runs.stream().flatMap(r -> r.rounds().stream()).filter(x -> x >= target).count();
    }
  }

  /** Reads one report; an {@link IllegalArgumentException} says what is wrong with it. */
  static Run read(Path report) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readAllBytes(report));
    } catch (JacksonException e) {
      throw new IllegalArgumentException(report + ": not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException(report + ": cannot be read: " + e);
    }
    if (root == null || root.isMissingNode()) {
      throw new IllegalArgumentException(report + ": empty");
    }
    JsonNode rounds = root.get("rounds");
    if (rounds == null || !rounds.isArray() || rounds.isEmpty()) {
      throw new IllegalArgumentException(report
          + ": no rounds (write it with `bench-load --rounds N --format json`, N >= 2)");
    }
    List<Double> ratios = new ArrayList<>();
    for (JsonNode r : rounds) {
      JsonNode ratio = r.get("pdp_to_bare_saturation_ratio");
      if (ratio == null || !ratio.isNumber()) {
        throw new IllegalArgumentException(report + ": round " + r.path("round").asText("?")
            + " has no pdp_to_bare_saturation_ratio");
      }
      ratios.add(ratio.asDouble());
    }
    return new Run(report.getFileName().toString(), List.copyOf(ratios));
  }

  static Summary summarize(List<Run> runs, double target, int resamples, long seed) {
    if (runs.isEmpty() || resamples < 1) {
      throw new IllegalArgumentException("need at least one run and one resample");
    }
    double[] ofRuns = new double[resamples];
    double[] pooled = new double[resamples];
    SplittableRandom random = new SplittableRandom(seed);
    List<Run> sample = new ArrayList<>(runs.size());
    for (int i = 0; i < resamples; i++) {
      sample.clear();
      for (int j = 0; j < runs.size(); j++) {
        sample.add(runs.get(random.nextInt(runs.size())));
      }
      ofRuns[i] = medianOfRuns(sample);
      pooled[i] = pooledMedian(sample);
    }
    Interval runsCi = interval(ofRuns);
    Interval pooledCi = interval(pooled);
    Verdict verdict;
    if (runsCi.low() > target && pooledCi.low() > target) {
      verdict = Verdict.ABOVE;
    } else if (runsCi.high() < target && pooledCi.high() < target) {
      verdict = Verdict.BELOW;
    } else {
      verdict = Verdict.NOT_SETTLED;
    }
    return new Summary(List.copyOf(runs), target, medianOfRuns(runs), runsCi,
        pooledMedian(runs), pooledCi, verdict);
  }

  private static double medianOfRuns(List<Run> runs) {
    return Rounds.median(runs.stream().map(Run::median).toList());
  }

  private static double pooledMedian(List<Run> runs) {
    return Rounds.median(runs.stream().flatMap(r -> r.rounds().stream()).toList());
  }

  /** The 2.5th and 97.5th percentiles (nearest rank) of the resampled statistics. */
  private static Interval interval(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    int low = (int) Math.ceil(0.025 * n) - 1;
    int high = (int) Math.ceil(0.975 * n) - 1;
    return new Interval(sorted[Math.max(0, low)], sorted[Math.min(n - 1, high)]);
  }

  static String render(Summary s) {
    StringBuilder out = new StringBuilder();
    List<Double> medians = s.runs().stream().map(Run::median).sorted().toList();
    long runsAtTarget = medians.stream().filter(m -> m >= s.target()).count();
    for (Run r : s.runs()) {
      out.append(String.format(Locale.ROOT, "  %s: %d rounds, median %.3f%n", r.name(),
          r.rounds().size(), r.median()));
    }
    out.append(String.format(Locale.ROOT,
        "%d runs: medians %.3f to %.3f, %d of %d at %.2f or above%n", s.runs().size(),
        medians.get(0), medians.get(medians.size() - 1), runsAtTarget, s.runs().size(),
        s.target()));
    out.append(String.format(Locale.ROOT,
        "median of the runs' medians %.3f, 95 %% interval %.3f to %.3f%n", s.medianOfRuns(),
        s.medianOfRunsCi().low(), s.medianOfRunsCi().high()));
    out.append(String.format(Locale.ROOT,
        "median of all %d rounds %.3f, 95 %% interval %.3f to %.3f (%d rounds at %.2f or"
            + " above)%n", s.roundCount(), s.pooledMedian(), s.pooledMedianCi().low(),
        s.pooledMedianCi().high(), s.roundsAtTarget(), s.target()));
    out.append(String.format(Locale.ROOT, "verdict against %.2f: %s%n", s.target(),
        s.verdict().description));
    return out.toString();
  }

  @Override
  public Integer call() {
    List<Run> runs = new ArrayList<>();
    try {
      for (Path p : reports) {
        runs.add(read(p));
      }
      System.out.print(render(summarize(runs, target, resamples, seed)));
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("bench-summary: " + e.getMessage());
      return 2;
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new RatioSummary()).execute(args));
  }
}
