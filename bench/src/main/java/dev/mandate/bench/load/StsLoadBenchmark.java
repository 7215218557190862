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
      description = "Warm-up before each measured window (default: ${DEFAULT-VALUE}).")
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
    CryptoFloor.Result floor;
    long auditLines;
    try (DemoSts sts = DemoSts.start(policies); HttpLoad load = new HttpLoad()) {
      List<String> subjects = sts.subjectTokens(tokens, Duration.ofDays(1));
      URI url = URI.create("http://127.0.0.1:" + sts.port() + TOKEN_PATH);
      String issued = exchangeOnce(url, subjects.get(0));

      progress("the crypto floor (" + threads + " threads)");
      floor = CryptoFloor.measure(new CryptoFloorOp(subjects, sts.issuerKey(), sts.signingKey(),
          issued), threads, warmup, duration);

      List<Buffer> bodies = new ArrayList<>(subjects.size());
      subjects.forEach(s -> bodies.add(Buffer.buffer(DemoSts.form(s))));
      LoadTarget target = LoadTarget.of("sts", url,
          Map.of("Content-Type", "application/x-www-form-urlencoded",
              "Authorization", DemoSts.authorization()),
          bodies, ResponseCheck.ok("\"access_token\":\"ey"));
      progress("the STS at saturation (" + connections + " connections)");
      LoadResult saturation = load.saturate(target, connections, warmup, duration);
      results.add(saturation);
      double fixed = rate != null ? rate : Math.max(1, Math.round(saturation.throughput() / 2));
      progress(String.format(Locale.ROOT, "the STS at a fixed %,.0f exchanges/s", fixed));
      results.add(load.fixedRate(target, fixed, connections, warmup, duration));
      auditLines = sts.auditLines();
    }
    print(results, floor, threads, auditLines);
    LoadResult sat = results.get(0);
    return sat.errors() == 0 && results.get(1).errors() == 0 ? 0 : 1;
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

  private void print(List<LoadResult> results, CryptoFloor.Result floor, int threads,
      long auditLines) {
    LoadResult sat = results.get(0);
    double ratio = floor.opsPerSecond() == 0 ? 0 : sat.throughput() / floor.opsPerSecond();
    Map<String, Object> m = PdpLoadBenchmark.machine();
    String sharing = String.format(Locale.ROOT, "the load generator (1 event loop), the STS "
        + "(Vert.x event loops + worker pool) and, in its own phase, the crypto floor's %d "
        + "threads share the same %d CPUs", threads, (Integer) m.get("cpus"));
    if (format.equals("json")) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("date", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
          .toString());
      doc.put("machine", m);
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
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("operation", "ES256 verify (Nimbus ECDSAVerifier) + ES256 sign (ECDSASigner)");
      f.put("threads", floor.threads());
      f.put("seconds", floor.seconds());
      f.put("ops_per_second", round(floor.opsPerSecond()));
      f.put("latency_ms", Map.of("p50", round(floor.p50Micros() / 1000),
          "p99", round(floor.p99Micros() / 1000), "mean", round(floor.meanMicros() / 1000)));
      doc.put("crypto_floor", f);
      doc.put("results", Report.json(results));
      doc.put("sts_to_floor_saturation_ratio", Math.round(ratio * 1000) / 1000.0);
      doc.put("audit_lines", auditLines);
      System.out.println(Report.write(doc));
      return;
    }
    System.out.printf(Locale.ROOT, "Mandate STS exchange benchmark: %s, %d CPUs, JDK %s (%s)%n",
        m.get("os"), m.get("cpus"), m.get("java"), m.get("vm"));
    System.out.printf(Locale.ROOT, "Note: %s.%n", sharing);
    System.out.printf(Locale.ROOT, "Warm-up %d s, measured %d s per row; POST %s as chat-web "
        + "(client_secret_basic), alice's token -> file-service, scope files:read; %d distinct "
        + "subject tokens.%n%n", warmupSeconds, durationSeconds, TOKEN_PATH, tokens);
    System.out.printf(Locale.ROOT, "Crypto floor (ES256 verify + ES256 sign, Nimbus), %d threads:"
        + " %,.0f ops/s; per op p50 %.3f ms, p99 %.3f ms%n%n", floor.threads(),
        floor.opsPerSecond(), floor.p50Micros() / 1000, floor.p99Micros() / 1000);
    System.out.print(Report.table(results));
    System.out.println();
    System.out.printf(Locale.ROOT, "STS / crypto floor, saturation throughput: %.3f "
        + "(target >= %.2f: %s)%n", ratio, TARGET_FRACTION_OF_FLOOR,
        ratio >= TARGET_FRACTION_OF_FLOOR ? "met" : "MISSED");
    System.out.printf(Locale.ROOT, "Audit lines written: %,d%n", auditLines);
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
