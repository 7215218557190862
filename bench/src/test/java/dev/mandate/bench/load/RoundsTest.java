package dev.mandate.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class RoundsTest {
  private static LoadResult window(String target, int loops, double throughput) {
    return new LoadResult(target, LoadResult.SATURATION, 32, 0, 1, 3, (long) throughput, 0, 0,
        throughput, new Histogram(3), List.of(), null, loops);
  }

  private static Rounds.Round round(int n, double bare1, double bare2, double pdp1, double pdp2) {
    return new Rounds.Round(n, List.of(window("bare", 1, bare1), window("bare", 2, bare2)),
        List.of(window("pdp", 1, pdp1), window("pdp", 2, pdp2)));
  }

  @Test
  void aRoundComparesEachServersBetterWindow() {
    assertEquals(0.5, round(1, 30_000, 50_000, 25_000, 20_000).ratio(), 1e-9);
    assertEquals(0.25, round(1, 40_000, 20_000, 5_000, 10_000).ratio(), 1e-9);
  }

  @Test
  void theRunsRatioIsTheMedianOfTheRoundsNotTheRatioOfTheBestWindows() {
    Rounds rounds = new Rounds();
    rounds.add(round(1, 0, 40_000, 24_000, 0));  // 0.60
    rounds.add(round(2, 0, 60_000, 24_000, 0));  // 0.40: the fastest bare window
    rounds.add(round(3, 0, 50_000, 22_500, 0));  // 0.45
    assertEquals(0.45, rounds.medianRatio(), 1e-9);
    assertEquals(24_000, rounds.medianThroughput(true), 1e-9);
    assertEquals(50_000, rounds.medianThroughput(false), 1e-9);
    assertEquals(12, rounds.windows().size());
    List<Map<String, Object>> json = rounds.json();
    assertEquals(3, json.size());
    assertEquals(0.4, json.get(1).get("pdp_to_bare_saturation_ratio"));
    assertEquals(2, ((List<?>) json.get(0).get("bare")).size());
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertEquals(2.5, Rounds.median(List.of(4.0, 1.0, 2.0, 3.0)), 1e-9);
    assertEquals(3.0, Rounds.median(List.of(3.0)), 1e-9);
    assertNull(Rounds.median(List.of()));
    assertNull(new Rounds().medianRatio());
  }
}
