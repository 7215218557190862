package dev.mandate.bench.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where the CPU time of a measured window went, by thread group, from the JVM's per-thread CPU
 * clocks (not from sampling, which on an over-subscribed machine counts runnable threads that
 * are not actually on a CPU). Only meaningful when the server runs in the generator's JVM, as
 * in {@link PdpLoadBenchmark}; the JVM's own native threads (GC, JIT) show up as the difference
 * between the process's CPU time and the sum over Java threads.
 *
 * @param wallNanos length of the window
 * @param processNanos CPU time of the whole process in the window
 * @param byGroup CPU time per thread group ("generator" for the load generator's own threads,
 *     otherwise the thread name without its trailing number), largest first
 * @param kernelByGroup the part of each group's CPU time spent in the kernel (system time:
 *     socket reads and writes, epoll, file writes, futex wake-ups), which a Java profiler's
 *     execution samples do not see. It is the CPU clock minus the user-time clock, and on Linux
 *     the JVM reads user time from the kernel's per-tick accounting: an estimate, good to a few
 *     clock ticks per thread over a window
 * @param allocatedBytes heap bytes allocated by all Java threads in the window
 * @param gcMillis time the garbage collectors report having spent in the window
 * @param jitMillis time the JIT compilers report having spent compiling in the window (part of
 *     {@link #JVM_NATIVE}): near 0 in a steady state
 */
public record CpuUsage(long wallNanos, long processNanos, Map<String, Long> byGroup,
    Map<String, Long> kernelByGroup, long allocatedBytes, long gcMillis, long jitMillis) {
  public static final String GENERATOR = "generator";
  public static final String JVM_NATIVE = "jvm (gc, jit, other native)";

  /** CPU time in the window per successful request, in microseconds, by group. */
  public Map<String, Double> microsPerRequest(long requests) {
    Map<String, Double> m = new LinkedHashMap<>();
    if (requests > 0) {
      byGroup.forEach((k, v) -> m.put(k, v / 1e3 / requests));
    }
    return m;
  }

  /** The kernel's share of {@link #microsPerRequest}, by group (Java threads only). */
  public Map<String, Double> kernelMicrosPerRequest(long requests) {
    Map<String, Double> m = new LinkedHashMap<>();
    if (requests > 0) {
      kernelByGroup.forEach((k, v) -> m.put(k, v / 1e3 / requests));
    }
    return m;
  }

  /** Average number of CPUs the process kept busy. */
  public double cpusBusy() {
    return wallNanos == 0 ? 0 : (double) processNanos / wallNanos;
  }

  /** A point-in-time reading of every live Java thread's CPU clock and the process's. */
  static final class Snapshot {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    final long wall = System.nanoTime();
    final long process = processCpuNanos();
    final Map<Long, Long> cpu = new HashMap<>();
    final Map<Long, Long> user = new HashMap<>();
    final Map<Long, String> names = new HashMap<>();
    final Map<Long, Long> allocated = new HashMap<>();
    final long gcMillis = gcMillis();
    final long jitMillis = WarmupGate.jitMillis();

    Snapshot() {
      // Thread infos without stack traces: no safepoint, cheap enough for the event loop.
      for (java.lang.management.ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
        if (info == null) {
          continue; // ended meanwhile
        }
        long c = THREADS.getThreadCpuTime(info.getThreadId());
        long u = THREADS.getThreadUserTime(info.getThreadId());
        if (c >= 0) {
          cpu.put(info.getThreadId(), c);
          user.put(info.getThreadId(), Math.max(0, Math.min(u, c)));
          names.put(info.getThreadId(), info.getThreadName());
        }
        if (THREADS instanceof com.sun.management.ThreadMXBean sun) {
          long a = sun.getThreadAllocatedBytes(info.getThreadId());
          if (a >= 0) {
            allocated.put(info.getThreadId(), a);
          }
        }
      }
    }

    /** The usage between {@code this} and a later snapshot. */
    CpuUsage until(Snapshot end, Set<Long> generatorThreads) {
      Map<String, Long> groups = new TreeMap<>();
      Map<String, Long> kernel = new TreeMap<>();
      long javaTotal = 0;
      for (Map.Entry<Long, Long> e : end.cpu.entrySet()) {
        long delta = e.getValue() - cpu.getOrDefault(e.getKey(), 0L);
        if (delta <= 0) {
          continue;
        }
        String group = generatorThreads.contains(e.getKey()) ? GENERATOR
            : end.names.get(e.getKey()).replaceAll("[-_ ]?\\d+$", "");
        groups.merge(group, delta, Long::sum);
        long userDelta = end.user.getOrDefault(e.getKey(), 0L) - user.getOrDefault(e.getKey(), 0L);
        kernel.merge(group, Math.max(0, delta - Math.max(0, userDelta)), Long::sum);
        javaTotal += delta;
      }
      long processDelta = end.process - process;
      if (processDelta > javaTotal) {
        groups.put(JVM_NATIVE, processDelta - javaTotal);
      }
      Map<String, Long> sorted = new LinkedHashMap<>();
      groups.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(e -> sorted.put(e.getKey(), e.getValue()));
      long alloc = 0;
      for (Map.Entry<Long, Long> e : end.allocated.entrySet()) {
        alloc += Math.max(0, e.getValue() - allocated.getOrDefault(e.getKey(), 0L));
      }
      return new CpuUsage(end.wall - wall, processDelta, sorted, kernel, alloc,
          end.gcMillis - gcMillis, end.jitMillis - jitMillis);
    }

    private static long gcMillis() {
      long sum = 0;
      for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        sum += Math.max(0, gc.getCollectionTime());
      }
      return sum;
    }

    private static long processCpuNanos() {
      if (ManagementFactory.getOperatingSystemMXBean()
          instanceof com.sun.management.OperatingSystemMXBean os) {
        return os.getProcessCpuTime();
      }
      return 0;
    }
  }
}
