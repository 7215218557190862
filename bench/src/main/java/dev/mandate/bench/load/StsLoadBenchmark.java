package dev.mandate.bench.load;

import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The STS's exchange throughput against its crypto floor, in one JVM run:
 *
 * <ol>
 *   <li>starts the STS as {@code mandate serve} does (demo world, in-process PDP on the shipped
 *       policies, decision log and audit log to files) and mints a pool of subject tokens;
 *   <li>measures the crypto floor ({@link CryptoFloor}): one ES256 verify plus one ES256 sign per
 *       operation, one thread per CPU, the STS idle;
 *   <li>drives {@code POST /oauth2/token} (chat-web, client_secret_basic, alice's token for
 *       file-service, scope files:read) with the {@link HttpLoad} generator at saturation, then
 *       at a fixed rate. Every response must be 200 with an {@code access_token}.
 * </ol>
 *
 * <p>The report gives exchanges per second, latency percentiles, the floor, and the STS's
 * saturation throughput as a fraction of the floor. The generator, the server and (in its own
 * phase) the floor's threads share the machine's CPUs; the fraction therefore charges the
 * generator's CPU to the STS, which makes it a conservative figure.
 */
@Command(name = "bench-sts", mixinStandardHelpOptions = true,
    description = "Token-exchange throughput of the STS (in-process PDP) against the crypto "
        + "floor of one ES256 verify + one ES256 sign.")
public final class StsLoadBenchmark implements Callable<Integer> {
  static final String TOKEN_PATH = "/oauth2/token";
  static final double TARGET_FRACTION_OF_FLOOR = 0.6;

  @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "10",
      description = "Warm-up before each measured window (default: ${DEFAULT-VALUE}); a "
          + "saturation run's lasts on while the JIT is compiling, up to 60 s more.")
  int warmupSeconds;

  @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "15",
      description = "Length of each measured window (default: ${DEFAULT-VALUE}).")
  int durationSeconds;

  @Option(names = "--connections", paramLabel = "N", defaultValue = "16",
      description = "Connections (closed loop: requests in flight; fixed rate: upper bound) "
          + "(default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--rate", paramLabel = "REQ_PER_S",
      description = "Offered load of the fixed-rate run (default: half the saturation "
          + "throughput just measured).")
  Double rate;

  @Option(names = "--floor-threads", paramLabel = "N",
      description = "Threads of the crypto floor (default: one per CPU).")
  Integer floorThreads;

  @Option(names = "--tokens", paramLabel = "N", defaultValue = "1000",
      description = "Distinct subject tokens, used in turn (default: ${DEFAULT-VALUE}).")
  int tokens;

  @Option(names = "--policies", paramLabel = "DIR", defaultValue = "policies",
      description = "Policy directory (default: ${DEFAULT-VALUE}).")
  Path policies;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("table") && !format.equals("json")) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--format must be table or json");
    }
    int cpus = Runtime.getRuntime().availableProcessors();
    int threads = floorThreads != null ? floorThreads : cpus;
    Duration warmup = Duration.ofSeconds(warmupSeconds);
    Duration duration = Duration.ofSeconds(durationSeconds);
    List<LoadResult> results = new ArrayList<>();
    List<Double> cpuSeconds = new ArrayList<>();
    List<CryptoFloor.Result> floors = new ArrayList<>();
    double loadBefore = ProcessCpu.loadAverage();
    long auditLines;
    try (DemoSts sts = DemoSts.start(policies); HttpLoad load = new HttpLoad()) {
      List<String> subjects = sts.subjectTokens(tokens, Duration.ofDays(1));
      URI url = URI.create("http://127.0.0.1:" + sts.port() + TOKEN_PATH);
      String issued = exchangeOnce(url, subjects.get(0));
      CryptoFloorOp op = new CryptoFloorOp(subjects, sts.issuerKey(), sts.signingKey(), issued);

      List<Buffer> bodies = new ArrayList<>(subjects.size());
      subjects.forEach(s -> bodies.add(Buffer.buffer(DemoSts.form(s))));
      LoadTarget target = LoadTarget.of("sts", url,
          Map.of("Content-Type", "application/x-www-form-urlencoded",
              "Authorization", DemoSts.authorization()),
          bodies, ResponseCheck.ok("\"access_token\":\"ey"));

      // The floor right before and right after the STS's saturation run: the ratio uses their
      // mean, so a neighbour that loads the machine during one phase skews it less.
      progress("the crypto floor (" + threads + " threads)");
      floors.add(CryptoFloor.measure(op, threads, warmup, duration));
      progress("the STS at saturation (" + connections + " connections)");
      // A saturation window opens once the JIT has settled (WarmupGate), so its CPU time is
      // the run's own reading of the window rather than one timed from the start.
      LoadResult saturation = load.saturate(target, connections, warmup, duration);
      results.add(saturation);
      cpuSeconds.add(saturation.cpu() == null ? Double.NaN
          : saturation.cpu().processNanos() / 1e9);
      progress("the crypto floor again (" + threads + " threads)");
      floors.add(CryptoFloor.measure(op, threads, warmup, duration));

      double fixed = rate != null ? rate : Math.max(1, Math.round(saturation.throughput() / 2));
      progress(String.format(Locale.ROOT, "the STS at a fixed %,.0f exchanges/s", fixed));
      ProcessCpu cpu = window(warmup, duration);
      results.add(load.fixedRate(target, fixed, connections, warmup, duration));
      cpuSeconds.add(cpu.seconds());
      auditLines = sts.auditLines();
    }
    print(results, cpuSeconds, floors, auditLines, loadBefore, ProcessCpu.loadAverage());
    return results.stream().allMatch(r -> r.errors() == 0 && r.warmupErrors() == 0) ? 0 : 1;
  }

  /** The CPU window of a load run about to start: it measures after {@code warmup}. */
  private static ProcessCpu window(Duration warmup, Duration duration) {
    long start = System.nanoTime() + warmup.toNanos();
    return ProcessCpu.window(start, start + duration.toNanos());
  }

  /** One exchange with the JDK's client: proves the setup works and yields an issued token. */
  private static String exchangeOnce(URI url, String subject) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", DemoSts.authorization())
        .POST(HttpRequest.BodyPublishers.ofString(DemoSts.form(subject)))
        .build();
    HttpResponse<String> resp = HttpClient.newHttpClient().send(req,
        HttpResponse.BodyHandlers.ofString());
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(resp.body());
    if (resp.statusCode() != 200 || !json.hasNonNull("access_token")) {
      throw new IllegalStateException("the benchmark's exchange is not permitted: "
          + resp.statusCode() + " " + resp.body());
    }
    return json.get("access_token").asText();
  }

  private void print(List<LoadResult> results, List<Double> cpuSeconds,
      List<CryptoFloor.Result> floors, long auditLines, double loadBefore, double loadAfter) {
    LoadResult sat = results.get(0);
    double floorOps = floors.stream().mapToDouble(CryptoFloor.Result::opsPerSecond).average()
        .orElse(0);
    double floorPerCpu = floors.stream().mapToDouble(CryptoFloor.Result::opsPerCpuSecond)
        .average().orElse(Double.NaN);
    double stsPerCpu = sat.ok() / cpuSeconds.get(0);
    double ratio = floorOps == 0 ? 0 : sat.throughput() / floorOps;
    double cpuRatio = stsPerCpu / floorPerCpu;
    Map<String, Object> m = PdpLoadBenchmark.machine();
    String sharing = String.format(Locale.ROOT, "the load generator (1 event loop), the STS "
        + "(one Vert.x event loop per CPU, running the exchanges) and, in its own phases, the crypto floor's %d "
        + "threads share the same %d CPUs; the generator's CPU is charged to the STS",
        floors.get(0).threads(), (Integer) m.get("cpus"));
    if (format.equals("json")) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("date", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
          .toString());
      doc.put("machine", m);
      doc.put("load_average_before", round(loadBefore));
      doc.put("load_average_after", round(loadAfter));
      doc.put("note", sharing);
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("warmup_seconds", warmupSeconds);
      settings.put("duration_seconds", durationSeconds);
      settings.put("connections", connections);
      settings.put("subject_tokens", tokens);
      settings.put("policies", policies.toString());
      settings.put("exchange", "chat-web (client_secret_basic), alice -> file-service, "
          + "scope files:read");
      doc.put("settings", settings);
      List<Map<String, Object>> fl = new ArrayList<>();
      for (CryptoFloor.Result f : floors) {
        Map<String, Object> fm = new LinkedHashMap<>();
        fm.put("operation", "ES256 verify (Nimbus ECDSAVerifier) + ES256 sign (ECDSASigner)");
        fm.put("threads", f.threads());
        fm.put("seconds", f.seconds());
        fm.put("ops_per_second", round(f.opsPerSecond()));
        fm.put("ops_per_cpu_second", round(f.opsPerCpuSecond()));
        Map<String, Object> lat = new LinkedHashMap<>();
        lat.put("p50", round(f.p50Micros() / 1000));
        lat.put("p99", round(f.p99Micros() / 1000));
        lat.put("mean", round(f.meanMicros() / 1000));
        fm.put("latency_ms", lat);
        fl.add(fm);
      }
      doc.put("crypto_floor", fl);
      List<Map<String, Object>> rs = Report.json(results);
      for (int i = 0; i < rs.size(); i++) {
        rs.get(i).put("cpu_seconds", round(cpuSeconds.get(i)));
        rs.get(i).put("ok_per_cpu_second", round(results.get(i).ok() / cpuSeconds.get(i)));
      }
      doc.put("results", rs);
      doc.put("crypto_floor_ops_per_second", round(floorOps));
      doc.put("sts_to_floor_saturation_ratio", round(ratio));
      doc.put("sts_to_floor_per_cpu_second_ratio", round(cpuRatio));
      doc.put("audit_lines", auditLines);
      System.out.println(Report.write(doc));
      return;
    }
    System.out.printf(Locale.ROOT, "Mandate STS exchange benchmark: %s, %d CPUs, JDK %s (%s); "
        + "load average %.2f before, %.2f after%n", m.get("os"), m.get("cpus"), m.get("java"),
        m.get("vm"), loadBefore, loadAfter);
    System.out.printf(Locale.ROOT, "Note: %s.%n", sharing);
    System.out.printf(Locale.ROOT, "Warm-up %d s, measured %d s per row; POST %s as chat-web "
        + "(client_secret_basic), alice's token -> file-service, scope files:read; %d distinct "
        + "subject tokens.%n%n", warmupSeconds, durationSeconds, TOKEN_PATH, tokens);
    for (int i = 0; i < floors.size(); i++) {
      CryptoFloor.Result f = floors.get(i);
      System.out.printf(Locale.ROOT, "Crypto floor %s (ES256 verify + ES256 sign, Nimbus), %d "
          + "threads: %,.0f ops/s (%,.0f per CPU-s); per op p50 %.3f ms, p99 %.3f ms%n",
          i == 0 ? "before" : "after ", f.threads(), f.opsPerSecond(), f.opsPerCpuSecond(),
          f.p50Micros() / 1000, f.p99Micros() / 1000);
    }
    System.out.println();
    System.out.print(Report.table(results));
    System.out.printf(Locale.ROOT, "STS exchanges per CPU-s of this JVM (server + generator): "
        + "saturation %,.0f, fixed rate %,.0f%n%n", stsPerCpu,
        results.get(1).ok() / cpuSeconds.get(1));
    System.out.printf(Locale.ROOT, "STS / crypto floor (target >= %.2f): exchanges/s over floor "
        + "ops/s %.3f (%s); per CPU-second of this JVM %.3f (%s)%n", TARGET_FRACTION_OF_FLOOR,
        ratio, verdict(ratio), cpuRatio, verdict(cpuRatio));
    System.out.println("(On a machine shared with other busy processes the per-second ratio "
        + "swings with whichever phase they slowed down; the per-CPU-second ratio does not.)");
    System.out.printf(Locale.ROOT, "Audit lines written: %,d%n", auditLines);
  }

  private static String verdict(double ratio) {
    return ratio >= TARGET_FRACTION_OF_FLOOR ? "met" : "MISSED";
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static void progress(String what) {
    System.err.printf(Locale.ROOT, "bench-sts: measuring %s ...%n", what);
  }

  public static void main(String[] args) {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format",
          "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
    }
    System.exit(new CommandLine(new StsLoadBenchmark()).execute(args));
  }
}
