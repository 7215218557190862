package dev.mandate.rego.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchStatsTest {
  @Test
  void percentilesByNearestRank() {
    long[] samples = new long[100];
    for (int i = 0; i < 100; i++) {
      samples[i] = 100 - i; // 100..1, unsorted on purpose
    }
    BenchStats s = BenchStats.of(samples, 100);
    assertEquals(100, s.samples());
    assertEquals(50, s.medianNs());
    assertEquals(90, s.p90Ns());
    assertEquals(99, s.p99Ns());
    assertEquals(1, s.minNs());
    assertEquals(100, s.maxNs());
    assertEquals(50, s.meanNs()); // 5050 / 100, truncated
  }

  @Test
  void onlyTakenSamplesCount() {
    BenchStats s = BenchStats.of(new long[] {5, 7, 0, 0}, 2);
    assertEquals(2, s.samples());
    assertEquals(5, s.minNs());
    assertEquals(7, s.maxNs());
  }

  @Test
  void tableListsEveryStatistic() {
    String t = BenchCommand.table(BenchStats.of(new long[] {1000, 2000}, 2));
    assertTrue(t.contains("| ns/op     |") && t.contains("| p99_ns    |"), t);
    assertTrue(t.startsWith("+") && t.endsWith("+\n"), t);
  }
}
