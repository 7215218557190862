package dev.mandate.rego.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Latency statistics over per-evaluation samples in nanoseconds.
 *
 * @param samples how many evaluations were timed
 * @param meanNs mean nanoseconds per evaluation (opa bench's ns/op)
 * @param medianNs the 50th percentile
 * @param p90Ns the 90th percentile
 * @param p99Ns the 99th percentile
 * @param minNs the fastest
 * @param maxNs the slowest
 */
record BenchStats(int samples, long meanNs, long medianNs, long p90Ns, long p99Ns, long minNs,
    long maxNs) {

  static BenchStats of(long[] nanos, int count) {
    if (count == 0) {
      return new BenchStats(0, 0, 0, 0, 0, 0, 0);
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    long sum = 0;
    for (long n : sorted) {
      sum += n;
    }
    return new BenchStats(count, sum / count, percentile(sorted, 50), percentile(sorted, 90),
        percentile(sorted, 99), sorted[0], sorted[count - 1]);
  }

  /** Nearest-rank percentile: the smallest sample with at least p% of samples at or below it. */
  static long percentile(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("samples", samples);
    m.put("ns_per_op", meanNs);
    m.put("median_ns", medianNs);
    m.put("p90_ns", p90Ns);
    m.put("p99_ns", p99Ns);
    m.put("min_ns", minNs);
    m.put("max_ns", maxNs);
    return m;
  }
}
