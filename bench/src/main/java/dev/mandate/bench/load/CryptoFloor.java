package dev.mandate.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Measures the {@link CryptoFloorOp} at saturation: {@code threads} threads (one per CPU, as the
 * server would use them) each run the operation back to back through a warm-up and a measured
 * window. Throughput is the operations completed in the window per second, all threads
 * together; latency is one operation's duration on its thread.
 */
public final class CryptoFloor {
  private CryptoFloor() {}

  /** The outcome of one measured window. Latency in microseconds. */
  public record Result(int threads, double seconds, long ops, double opsPerSecond,
      Histogram latency, double cpuSeconds) {
    /** Operations per CPU-second of this process in the window (NaN if unknown). */
    public double opsPerCpuSecond() {
      return ops / cpuSeconds;
    }

    public double p50Micros() {
      return latency.getValueAtPercentile(50);
    }

    public double p99Micros() {
      return latency.getValueAtPercentile(99);
    }

    public double meanMicros() {
      return latency.getMean();
    }
  }

  public static Result measure(CryptoFloorOp op, int threads, Duration warmup,
      Duration duration) {
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
    long measureStart = start + warmup.toNanos();
    long measureEnd = measureStart + duration.toNanos();
    ProcessCpu cpu = ProcessCpu.window(measureStart, measureEnd);
    List<Histogram> histograms = new ArrayList<>();
    long[] counts = new long[threads];
    CountDownLatch done = new CountDownLatch(threads);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Histogram h = new Histogram(1, HttpLoad.HIGHEST_MICROS, 3);
      histograms.add(h);
      int index = t;
      workers.add(Thread.ofPlatform().name("crypto-floor-" + t).daemon(true).start(() -> {
        try {
          long n = 0;
          int i = index;
          int sink = 0;
          while (true) {
            long before = System.nanoTime();
            if (before >= measureEnd) {
              break;
            }
            sink += op.run(i).length();
            i += threads;
            long after = System.nanoTime();
            if (before >= measureStart && after < measureEnd) {
              n++;
              h.recordValue(Math.max(1, Math.min(HttpLoad.HIGHEST_MICROS,
                  (after - before) / 1_000)));
            }
          }
          counts[index] = n;
          if (sink == 42) {
            System.err.print("");
          }
        } finally {
          done.countDown();
        }
      }));
    }
    try {
      done.await();
      for (Thread w : workers) {
        w.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    Histogram all = new Histogram(1, HttpLoad.HIGHEST_MICROS, 3);
    histograms.forEach(all::add);
    long ops = 0;
    for (long c : counts) {
      ops += c;
    }
    double seconds = duration.toNanos() / 1e9;
    return new Result(threads, seconds, ops, ops / seconds, all, cpu.seconds());
  }
}
