package dev.mandate.bench.load;

import java.lang.management.ManagementFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * CPU time this JVM spends in a window of wall-clock time, read by a helper thread that wakes at
 * the window's start and end. On a machine shared with other processes, throughput per CPU-second
 * of this process stays comparable between measurements taken at different moments, where
 * throughput per wall-clock second depends on what the neighbours were doing at the time.
 */
final class ProcessCpu {
  private final Thread reader;
  private volatile long cpuNanos = -1;

  private ProcessCpu(long startNanoTime, long endNanoTime) {
    this.reader = Thread.ofPlatform().name("cpu-window").daemon(true).start(() -> {
      sleepUntil(startNanoTime);
      long before = processCpuNanos();
      sleepUntil(endNanoTime);
      long after = processCpuNanos();
      cpuNanos = before < 0 || after < 0 ? -1 : after - before;
    });
  }

  /** Starts watching the window {@code [start, end)} on {@link System#nanoTime()}'s clock. */
  static ProcessCpu window(long startNanoTime, long endNanoTime) {
    return new ProcessCpu(startNanoTime, endNanoTime);
  }

  /** CPU seconds used in the window, or NaN if the JVM cannot tell; waits for the window. */
  double seconds() {
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
    return cpuNanos < 0 ? Double.NaN : cpuNanos / 1e9;
  }

  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** The system load average over the last minute, or -1 if unknown. */
  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static void sleepUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }
}
