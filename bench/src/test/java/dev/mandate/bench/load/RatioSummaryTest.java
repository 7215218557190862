package dev.mandate.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RatioSummaryTest {
  @TempDir Path tmp;

  private static LoadResult window(String target, double throughput) {
    return new LoadResult(target, LoadResult.SATURATION, 32, 0, 1, 3, (long) throughput, 0, 0,
        throughput, new Histogram(3), List.of(), null, 1);
  }

  /** A report as the benchmark writes its rounds, one round per ratio. */
  private Path report(String name, double... ratios) throws IOException {
    Rounds rounds = new Rounds();
    for (int i = 0; i < ratios.length; i++) {
      rounds.add(new Rounds.Round(i + 1, List.of(window("bare", 50_000)),
          List.of(window("pdp", 50_000 * ratios[i]))));
    }
    Path p = tmp.resolve(name);
    new ObjectMapper().writeValue(p.toFile(), Map.of("rounds", rounds.json()));
    return p;
  }

  /** {@code n} runs of 15 rounds whose medians lie around {@code center}. */
  private List<RatioSummary.Run> runs(int n, double center, double spread) {
    Random r = new Random(7523);
    List<RatioSummary.Run> runs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double phase = center + (r.nextDouble() * 2 - 1) * spread;
      List<Double> rounds = new ArrayList<>();
      for (int j = 0; j < 15; j++) {
        rounds.add(phase + r.nextGaussian() * 0.05);
      }
      runs.add(new RatioSummary.Run("run" + i, rounds));
    }
    return runs;
  }

  @Test
  void readsTheRoundsAsTheBenchmarkWritesThem() throws IOException {
    RatioSummary.Run run = RatioSummary.read(report("a.json", 0.4, 0.6, 0.5));
    assertEquals(List.of(0.4, 0.6, 0.5), run.rounds());
    assertEquals(0.5, run.median(), 1e-9);
  }

  @Test
  void theMedianOfTheRunsAndTheMedianOfAllRoundsAreDifferentFigures() {
    List<RatioSummary.Run> runs = List.of(new RatioSummary.Run("a", List.of(0.4, 0.5, 0.6)),
        new RatioSummary.Run("b", List.of(0.7)));
    RatioSummary.Summary s = RatioSummary.summarize(runs, 0.5, 100, 1);
    assertEquals(0.6, s.medianOfRuns(), 1e-9); // median of 0.5 and 0.7
    assertEquals(0.55, s.pooledMedian(), 1e-9); // median of 0.4, 0.5, 0.6, 0.7
    assertEquals(3, s.roundsAtTarget());
    assertEquals(4, s.roundCount());
  }

  @Test
  void runsClearlyOnOneSideGiveAVerdict() {
    assertEquals(RatioSummary.Verdict.ABOVE,
        RatioSummary.summarize(runs(10, 0.56, 0.02), 0.5, 2000, 1).verdict());
    assertEquals(RatioSummary.Verdict.BELOW,
        RatioSummary.summarize(runs(10, 0.44, 0.02), 0.5, 2000, 1).verdict());
  }

  @Test
  void runsOnBothSidesOfTheTargetSettleNothing() {
    RatioSummary.Summary s = RatioSummary.summarize(runs(6, 0.5, 0.02), 0.5, 2000, 1);
    assertEquals(RatioSummary.Verdict.NOT_SETTLED, s.verdict());
    assertTrue(s.medianOfRunsCi().low() < 0.5 && s.medianOfRunsCi().high() > 0.5,
        s::toString);
  }

  @Test
  void theSameSeedGivesTheSameSummary() {
    List<RatioSummary.Run> runs = runs(8, 0.51, 0.02);
    assertEquals(RatioSummary.render(RatioSummary.summarize(runs, 0.5, 1000, 42)),
        RatioSummary.render(RatioSummary.summarize(runs, 0.5, 1000, 42)));
  }

  @Test
  void aReportWithoutRoundsIsAClearError() throws IOException {
    Path single = tmp.resolve("single.json");
    Files.writeString(single, "{\"pdp_to_bare_saturation_ratio\": 0.5}");
    Path garbage = tmp.resolve("garbage.json");
    Files.writeString(garbage, "ratio: 0.5");
    Path empty = tmp.resolve("empty.json");
    Files.writeString(empty, "");
    assertThrows(IllegalArgumentException.class, () -> RatioSummary.read(single));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RatioSummary.read(empty));
    assertTrue(e.getMessage().endsWith("empty.json: empty"), e.getMessage());

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = new CommandLine(new RatioSummary()).execute(single.toString());
      assertEquals(2, new CommandLine(new RatioSummary()).execute(garbage.toString()));
      assertEquals(2, new CommandLine(new RatioSummary())
          .execute(tmp.resolve("missing.json").toString()));
    } finally {
      System.setErr(saved);
    }
    assertEquals(2, code);
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.contains("single.json: no rounds"), message);
    assertTrue(message.contains("garbage.json: not JSON"), message);
    assertTrue(message.contains("missing.json: cannot be read"), message);
    assertTrue(!message.contains("\tat "), "no stack trace: " + message);
  }
}
