package dev.mandate.bench.load;

import dev.mandate.pdp.Pdp;
import dev.mandate.pdp.config.PdpConfig;
import dev.mandate.pdp.decisionlog.DecisionLogger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The decision service's HTTP load benchmark, in one JVM run: first the ceiling (a bare Vert.x
 * endpoint answering a constant, {@link BareServer}), then the decision service on the shipped
 * policies answering {@code POST /v1/exchange/decisions} with the example permit input. Each
 * server is measured at saturation (closed loop) and at a fixed rate (open loop), by the same
 * {@link HttpLoad} generator, and the report gives the PDP's saturation throughput as a fraction
 * of the bare endpoint's.
 *
 * <p>The servers and the generator share the machine's cores. Each server is saturated twice,
 * by a generator on one event loop and on one per CPU (by default), and the better run is its
 * figure (see {@link #saturate}); at a fixed rate the generator uses one loop (plus a sleeping
 * pacing thread). By default each server runs alone while it is measured: the bare server is
 * closed before the decision service starts. With {@code --rounds N} both run throughout and
 * their saturation is measured in alternation, N rounds, so that both are measured in the same
 * phase of a machine whose speed drifts ({@link Rounds}); the idle one costs nothing.
 */
@Command(name = "bench-load", mixinStandardHelpOptions = true,
    description = "HTTP load benchmark of the decision service against a bare Vert.x endpoint.")
public final class PdpLoadBenchmark implements Callable<Integer> {
  static final String EXCHANGE_PATH = "/v1/exchange/decisions";
  static final double TARGET_DECISIONS_PER_SECOND = 10_000;
  static final double TARGET_FRACTION_OF_BARE = 0.5;

  @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "10",
      description = "Warm-up before each measured window (default: ${DEFAULT-VALUE}); a "
          + "saturation run's lasts on while the JIT is compiling, up to 60 s more.")
  int warmupSeconds;

  @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "15",
      description = "Length of each measured window (default: ${DEFAULT-VALUE}).")
  int durationSeconds;

  @Option(names = "--connections", paramLabel = "N", defaultValue = "32",
      description = "Connections (closed loop: requests in flight; fixed rate: upper bound) "
          + "(default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--generator-loops", paramLabel = "N",
      description = "Each server is saturated by a generator on 1 event loop and on N; the "
          + "better run counts (default: one per CPU).")
  int generatorLoops = Runtime.getRuntime().availableProcessors();

  @Option(names = "--rate", paramLabel = "REQ_PER_S", defaultValue = "5000",
      description = "Offered load of the fixed-rate runs (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--policies", paramLabel = "DIR", defaultValue = "policies",
      description = "Policy directory (default: ${DEFAULT-VALUE}).")
  Path policies;

  @Option(names = "--input", paramLabel = "FILE",
      defaultValue = "docs/examples/exchange-input.json",
      description = "Decision input to send; its decision must be a permit "
          + "(default: ${DEFAULT-VALUE}).")
  Path input;

  @Option(names = "--only", paramLabel = "SERVER",
      description = "Measure only this server: bare or pdp (no ratio then).")
  String only;

  @Option(names = "--rounds", paramLabel = "N", defaultValue = "1",
      description = "Measure the two servers' saturation in alternation, N rounds (both servers "
          + "up throughout, the first warm-up full, later ones " + ROUND_WARMUP_SECONDS + " s); "
          + "the ratio is the median of the rounds' ratios. 1: each server once, bare first "
          + "(default: ${DEFAULT-VALUE}).")
  int rounds;

  /** The warm-up of a saturation window after a round's first: the servers are warm by then. */
  static final int ROUND_WARMUP_SECONDS = 3;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("table") && !format.equals("json")) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--format must be table or json");
    }
    if (only != null && !only.equals("bare") && !only.equals("pdp")) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--only must be bare or pdp");
    }
    if (rounds < 1 || (rounds > 1 && only != null)) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--rounds must be at least 1, and more than 1 only with both servers (no --only)");
    }
    byte[] body = Files.readAllBytes(input);
    String loadBefore = loadAverage();
    Duration warmup = Duration.ofSeconds(warmupSeconds);
    Duration duration = Duration.ofSeconds(durationSeconds);
    ResponseCheck permit = ResponseCheck.ok("\"allow\":true");
    List<LoadResult> results = new ArrayList<>();
    Map<String, Object> pdpLog = new LinkedHashMap<>();

    Rounds alternated = null;
    try (HttpLoad load = new HttpLoad(generatorLoops)) {
      if (rounds > 1) {
        alternated = inRounds(load, body, permit, warmup, duration, results, pdpLog);
      }
      if (rounds == 1 && (only == null || only.equals("bare"))) {
        progress("bare endpoint");
        try (BareServer bare = BareServer.start()) {
          LoadTarget t = exchangeTarget("bare", bare.port(), body, permit);
          saturate(load, t, warmup, duration, results);
          results.add(load.fixedRate(t, rate, connections, warmup, duration));
        }
      }
      if (rounds == 1 && (only == null || only.equals("pdp"))) {
        progress("decision service on " + policies);
        Path logFile = Files.createTempFile("mandate-bench-decisions", ".log");
        try (Pdp pdp = Pdp.start(config(policies, logFile))) {
          LoadTarget t = exchangeTarget("pdp", pdp.port(), body, permit);
          saturate(load, t, warmup, duration, results);
          results.add(load.fixedRate(t, rate, connections, warmup, duration));
          decisionLogCounts(pdp, pdpLog);
        } finally {
          Files.deleteIfExists(logFile);
        }
      }
    }
    pdpLog.put("load_average_before", loadBefore);
    pdpLog.put("load_average_after", loadAverage());
    print(results, alternated, pdpLog);
    return 0;
  }

  /**
   * Both servers up together, their saturation measured in alternation round after round (the
   * order swapped each round, so neither always follows the other), then each at the fixed
   * rate. Adds every window to {@code results}; returns the rounds.
   */
  private Rounds inRounds(HttpLoad load, byte[] body, ResponseCheck permit, Duration warmup,
      Duration duration, List<LoadResult> results, Map<String, Object> pdpLog) throws Exception {
    progress("bare endpoint and decision service on " + policies + ", " + rounds + " rounds");
    Rounds all = new Rounds();
    Path logFile = Files.createTempFile("mandate-bench-decisions", ".log");
    try (BareServer bareServer = BareServer.start();
        Pdp pdp = Pdp.start(config(policies, logFile))) {
      LoadTarget bare = exchangeTarget("bare", bareServer.port(), body, permit);
      LoadTarget service = exchangeTarget("pdp", pdp.port(), body, permit);
      Duration later = Duration.ofSeconds(Math.min(warmupSeconds, ROUND_WARMUP_SECONDS));
      for (int r = 1; r <= rounds; r++) {
        Duration wu = r == 1 ? warmup : later;
        List<LoadResult> bareWindows = new ArrayList<>();
        List<LoadResult> pdpWindows = new ArrayList<>();
        if (r % 2 == 1) {
          saturate(load, bare, wu, duration, bareWindows);
          saturate(load, service, wu, duration, pdpWindows);
        } else {
          saturate(load, service, wu, duration, pdpWindows);
          saturate(load, bare, wu, duration, bareWindows);
        }
        all.add(new Rounds.Round(r, bareWindows, pdpWindows));
      }
      results.addAll(all.windows());
      results.add(load.fixedRate(bare, rate, connections, warmup, duration));
      results.add(load.fixedRate(service, rate, connections, warmup, duration));
      decisionLogCounts(pdp, pdpLog);
    } finally {
      Files.deleteIfExists(logFile);
    }
    return all;
  }

  /** The exchange endpoint of a server on this machine's loopback, sent the benchmark's body. */
  private static LoadTarget exchangeTarget(String name, int port, byte[] body,
      ResponseCheck permit) {
    return LoadTarget.of(name, URI.create("http://127.0.0.1:" + port + EXCHANGE_PATH), body,
        permit);
  }

  /** The decision log's written and dropped events, for the report. */
  private static void decisionLogCounts(Pdp pdp, Map<String, Object> pdpLog) {
    pdpLog.put("decision_log_written", pdp.metrics().decisionLogWritten.value());
    pdpLog.put("decision_log_dropped",
        pdp.metrics().decisionLogDropped.value(DecisionLogger.QUEUE_FULL));
  }

  /**
   * Saturates the target with one generator loop and, when there are more, with all of them:
   * on CPUs shared with the server, a second sending thread lifts a light server's figure (one
   * thread cannot send fast enough) and lowers a heavy one's (the thread takes CPU the server
   * needs). Each server's saturation figure is the better of the two.
   */
  private void saturate(HttpLoad load, LoadTarget t, Duration warmup, Duration duration,
      List<LoadResult> results) {
    results.add(load.saturate(t, connections, 1, warmup, duration));
    if (generatorLoops > 1) {
      results.add(load.saturate(t, connections, generatorLoops, warmup, duration));
    }
  }

  /**
   * The machine's 1/5/15-minute load averages (Linux), so a reader can tell whether other work
   * competed for the CPUs during the run; empty where unavailable.
   */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "";
    }
  }

  /** The default configuration but for the port, the policies and a throw-away decision log. */
  static PdpConfig config(Path policies, Path logFile) {
    PdpConfig d = PdpConfig.defaults();
    PdpConfig.Server s = d.server();
    PdpConfig.DecisionLog l = d.decisionLog();
    return d
        .withServer(new PdpConfig.Server("127.0.0.1", 0, s.bodyLimitBytes(), s.publicUrl()))
        .withPolicyDir(policies)
        .withDecisionLog(new PdpConfig.DecisionLog(l.enabled(), logFile, l.maxFileBytes(),
            l.maxFiles(), l.queueSize(), l.maskPaths(), l.http(), l.labels()));
  }

  private void print(List<LoadResult> results, Rounds alternated, Map<String, Object> pdpLog) {
    Double ratio = alternated != null ? alternated.medianRatio() : ratio(results);
    LoadResult pdpBest = find(results, "pdp", LoadResult.SATURATION);
    Double pdpSaturation = alternated != null ? alternated.medianThroughput(true)
        : pdpBest == null ? null : pdpBest.throughput();
    if (format.equals("json")) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("date", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
          .toString());
      Map<String, Object> machine = machine();
      machine.put("generator", "in-process, 1 and " + generatorLoops + " event loop(s) at "
          + "saturation (the better run counts), 1 at a fixed rate; shares the CPUs with the "
          + "server");
      doc.put("machine", machine);
      doc.put("settings", Map.of("warmup_seconds", warmupSeconds,
          "duration_seconds", durationSeconds, "connections", connections, "rate", rate,
          "input", input.toString(), "policies", policies.toString(), "rounds", rounds));
      doc.put("results", Report.json(results));
      if (alternated != null) {
        doc.put("rounds", alternated.json());
        doc.put("pdp_saturation_median", Math.round(pdpSaturation));
        doc.put("bare_saturation_median", Math.round(alternated.medianThroughput(false)));
      }
      if (ratio != null) {
        doc.put("pdp_to_bare_saturation_ratio", Math.round(ratio * 1000) / 1000.0);
      }
      String warning = bareBelowCeiling(results);
      if (warning != null) {
        doc.put("bare_warning", warning);
      }
      doc.putAll(pdpLog);
      System.out.println(Report.write(doc));
      return;
    }
    Map<String, Object> m = machine();
    System.out.printf(Locale.ROOT, "Mandate load benchmark: %s, %d CPUs, JDK %s (%s)%n",
        m.get("os"), m.get("cpus"), m.get("java"), m.get("vm"));
    System.out.printf(Locale.ROOT, "The generator (1 and %d event loop(s) at saturation, 1 at a "
        + "fixed rate) and the server share these %d CPUs. Warm-up %d s (at saturation, and "
        + "until the JIT has been quiet for 1 s), measured %d s per row; "
        + "POST %s with %s.%n%n", generatorLoops, m.get("cpus"), warmupSeconds, durationSeconds,
        EXCHANGE_PATH, input);
    System.out.print(Report.table(results));
    System.out.println();
    if (alternated != null) {
      System.out.print(alternated.table());
      System.out.printf(Locale.ROOT, "PDP / bare, saturation throughput: median of %d rounds' "
          + "ratios (each the better run of each server in the round): %.3f; medians %,.0f "
          + "decisions/s, bare %,.0f req/s%n", rounds, ratio, pdpSaturation,
          alternated.medianThroughput(false));
    } else if (ratio != null) {
      System.out.printf(Locale.ROOT, "PDP / bare, saturation throughput (the better run of "
          + "each): %.2f%n", ratio);
    }
    String warning = bareBelowCeiling(results);
    if (warning != null) {
      System.out.println("Note: " + warning);
    }
    if (pdpSaturation != null) {
      System.out.printf(Locale.ROOT, "Targets: >= %,.0f decisions/s: %s; >= %.0f%% of bare: %s%n",
          TARGET_DECISIONS_PER_SECOND,
          verdict(pdpSaturation >= TARGET_DECISIONS_PER_SECOND),
          TARGET_FRACTION_OF_BARE * 100,
          ratio == null ? "not measured" : verdict(ratio >= TARGET_FRACTION_OF_BARE));
    }
    if (pdpLog.containsKey("decision_log_written")) {
      System.out.printf(Locale.ROOT, "Decision log: %s events written, %s dropped (queue full)%n",
          pdpLog.get("decision_log_written"), pdpLog.get("decision_log_dropped"));
    }
    System.out.printf(Locale.ROOT, "Load average before / after: %s / %s (more than the CPU "
        + "count means other work competed)%n", pdpLog.get("load_average_before"),
        pdpLog.get("load_average_after"));
  }

  /** Below this share of the CPUs busy, a saturation run did not reach what the CPUs allow. */
  static final double SATURATED_CPU_SHARE = 0.9;

  /**
   * A warning when the bare endpoint's saturation run left CPUs idle: then its figure is below
   * the machine's ceiling (on a VM, wake-up latency can bound it first), and the ratio to it is
   * overstated. Null when it kept the CPUs busy or was not measured.
   */
  static String bareBelowCeiling(List<LoadResult> results) {
    LoadResult bare = find(results, "bare", LoadResult.SATURATION);
    if (bare == null || bare.cpu() == null) {
      return null;
    }
    int cpus = Runtime.getRuntime().availableProcessors();
    double busy = bare.cpu().cpusBusy();
    if (busy >= SATURATED_CPU_SHARE * cpus) {
      return null;
    }
    return String.format(Locale.ROOT, "the bare endpoint kept %.2f of %d CPUs busy at "
        + "saturation, so its figure is below the CPUs' limit and the PDP / bare ratio is "
        + "overstated; compare several runs (bench/README.md, \"Latest figures\").", busy, cpus);
  }

  private static String verdict(boolean met) {
    return met ? "met" : "MISSED";
  }

  private static Double ratio(List<LoadResult> results) {
    LoadResult bare = find(results, "bare", LoadResult.SATURATION);
    LoadResult pdp = find(results, "pdp", LoadResult.SATURATION);
    return bare == null || pdp == null || bare.throughput() == 0 ? null
        : pdp.throughput() / bare.throughput();
  }

  /** The target's run in that mode; of several saturation runs, the one with most answers. */
  private static LoadResult find(List<LoadResult> results, String target, String mode) {
    return results.stream().filter(r -> r.target().equals(target) && r.mode().equals(mode))
        .max(java.util.Comparator.comparingDouble(LoadResult::throughput)).orElse(null);
  }

  static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpus", Runtime.getRuntime().availableProcessors());
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    m.put("java", System.getProperty("java.version"));
    m.put("vm", System.getProperty("java.vm.name"));
    m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    m.put("generator", "in-process, 1 event loop, shares the CPUs with the server");
    return m;
  }

  private void progress(String what) {
    System.err.printf(Locale.ROOT, "bench-load: measuring %s (saturation, then %,.0f req/s) ...%n",
        what, rate);
  }

  public static void main(String[] args) {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format",
          "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
    }
    int code = new CommandLine(new PdpLoadBenchmark()).execute(args);
    System.exit(code);
  }
}
