package dev.mandate.bench.load;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The outcome of one measured window.
 *
 * @param target the target's name
 * @param mode {@code saturation} (closed loop) or {@code fixed-rate} (open loop)
 * @param connections connections the generator used at most
 * @param targetRate requests per second asked for; 0 in saturation mode
 * @param seconds length of the measured window
 * @param warmupSeconds how long the load ran before the window opened (a saturation run's
 *     warm-up lasts longer than asked for while the JIT is still compiling: {@link WarmupGate})
 * @param ok successful responses counted (see {@link HttpLoad} for which)
 * @param errors failed requests in the window: wrong status, failed check, I/O error, timeout
 * @param warmupErrors failed requests during warm-up (reported, so none go unseen)
 * @param throughput successful responses per second completed within the window
 * @param latency latency of the successful responses, microseconds
 * @param errorExamples a few distinct failures (warm-up included), to tell what went wrong
 * @param cpu where this JVM's CPU time went during the window
 * @param generatorLoops the generator's event loops that sent the requests
 */
public record LoadResult(String target, String mode, int connections, double targetRate,
    double seconds, double warmupSeconds, long ok, long errors, long warmupErrors, double throughput,
    Histogram latency, List<String> errorExamples, CpuUsage cpu, int generatorLoops) {

  public static final String SATURATION = "saturation";
  public static final String FIXED_RATE = "fixed-rate";

  /** The mode as the report prints it: the rate of a fixed-rate run, the loops of a saturation. */
  public String label() {
    return mode.equals(FIXED_RATE)
        ? String.format(java.util.Locale.ROOT, "fixed %,.0f/s", targetRate)
        : mode + " (" + generatorLoops + " gen)";
  }

  public double p50Micros() {
    return latency.getValueAtPercentile(50);
  }

  public double p99Micros() {
    return latency.getValueAtPercentile(99);
  }

  public double p999Micros() {
    return latency.getValueAtPercentile(99.9);
  }

  public double maxMicros() {
    return latency.getMaxValue();
  }

  public double meanMicros() {
    return latency.getMean();
  }
}
