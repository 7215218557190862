package dev.mandate.bench.load;

import dev.mandate.pdp.config.PdpConfig;
import dev.mandate.pdp.decisionlog.DecisionEvent;
import dev.mandate.pdp.decisionlog.DecisionLogger;
import dev.mandate.pdp.decisionlog.EventEncoder;
import dev.mandate.pdp.decisionlog.Masker;
import dev.mandate.pdp.decisionlog.RotatingFileSink;
import dev.mandate.pdp.id.UuidV7Generator;
import dev.mandate.pdp.policy.PolicyDirectory;
import dev.mandate.pdp.policy.PolicyStore;
import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.PreparedQuery;
import dev.mandate.rego.QueryResult;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.JsonBytes;
import dev.mandate.rego.value.Value;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The decision log writer's CPU per event, as the service makes it pay: one thread does what a
 * request does before its event is queued (parse the input, evaluate the exchange decision,
 * encode it as the response does, build the event), the real {@link DecisionLogger} with the
 * service's default encoder and a rotating file masks, encodes and writes on its own thread. The
 * writer reads what another CPU has just written, which is much of its cost and what
 * {@code DecisionLogEncodeBenchmark} (one thread, hot caches) cannot show; the HTTP benchmark
 * shows it, but with its whole run-to-run spread.
 */
@Command(name = "decision-log-writer-load", mixinStandardHelpOptions = true,
    description = "CPU per event of the decision log writer, fed by a thread that parses,"
        + " evaluates and encodes as the decision service does.")
public final class DecisionLogWriterLoad implements Callable<Integer> {
  @Option(names = "--policies", paramLabel = "DIR", defaultValue = "policies")
  Path policies;

  @Option(names = "--input", paramLabel = "FILE",
      defaultValue = "docs/examples/exchange-input.json")
  Path input;

  @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "5")
  int warmupSeconds;

  @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "10")
  int durationSeconds;

  /** What one measured window saw. */
  record Window(long produced, long written, long dropped, long writerCpuNanos,
      long producerCpuNanos) {
    double writerMicrosPerEvent() {
      return written == 0 ? Double.NaN : writerCpuNanos / 1000.0 / written;
    }

    double producerMicrosPerEvent() {
      return produced == 0 ? Double.NaN : producerCpuNanos / 1000.0 / produced;
    }
  }

  @Override
  public Integer call() throws Exception {
    Window w = measure(policies, Files.readAllBytes(input), warmupSeconds, durationSeconds);
    System.out.printf("events produced %,d, written %,d, dropped %,d%n", w.produced(),
        w.written(), w.dropped());
    System.out.printf("decision-log-writer %.2f µs CPU per event; producer (parse, evaluate,"
        + " encode, queue) %.2f µs per event%n", w.writerMicrosPerEvent(),
        w.producerMicrosPerEvent());
    return 0;
  }

  static Window measure(Path policyDir, byte[] inputJson, int warmupSeconds, int durationSeconds)
      throws Exception {
    PolicyStore store = new PolicyStore(new PolicyDirectory(policyDir), 16, o -> { });
    PreparedQuery decision = store.loadInitial().prepare(PdpConfig.DEFAULT_EXCHANGE_PATH);
    PdpConfig.DecisionLog config = PdpConfig.defaults().decisionLog();
    Path dir = Files.createTempDirectory("mandate-writer-load");
    AtomicLong written = new AtomicLong();
    AtomicLong dropped = new AtomicLong();
    DecisionLogger log = new DecisionLogger(config.queueSize(),
        new EventEncoder(new Masker(config.maskPaths()), config.labels()),
        List.of(new RotatingFileSink(dir.resolve("decisions.log"), config.maxFileBytes(),
            config.maxFiles())),
        written::incrementAndGet, (reason, n) -> dropped.addAndGet(n));
    log.start();
    try {
      Thread writer = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().equals("decision-log-writer")).findFirst().orElseThrow();
      Producer producer = new Producer(decision, inputJson, log);
      producer.run(warmupSeconds);
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long w0 = written.get();
      long d0 = dropped.get();
      long writerCpu0 = threads.getThreadCpuTime(writer.threadId());
      long producerCpu0 = threads.getCurrentThreadCpuTime();
      long produced = producer.run(durationSeconds);
      long producerCpu = threads.getCurrentThreadCpuTime() - producerCpu0;
      Thread.sleep(50); // the writer lingers 2 ms between batches: let it take the last ones
      return new Window(produced, written.get() - w0, dropped.get() - d0,
          threads.getThreadCpuTime(writer.threadId()) - writerCpu0, producerCpu);
    } finally {
      log.close();
      deleteTree(dir);
    }
  }

  /** What a request does up to queueing its event, as fast as it can. */
  private record Producer(PreparedQuery decision, byte[] inputJson, DecisionLogger log) {
    long run(int seconds) {
      UuidV7Generator ids = new UuidV7Generator();
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      long n = 0;
      while (System.nanoTime() < end) {
        long start = System.nanoTime();
        Value in = Json.parse(inputJson);
        long parsed = System.nanoTime();
        List<QueryResult> rs = decision.eval(EvalOptions.withInput(in));
        Value result = rs.isEmpty() ? null : rs.get(0).expressions().get(0);
        Map<String, Long> timers = new LinkedHashMap<>();
        timers.put("timer_rego_input_parse_ns", parsed - start);
        timers.put("timer_rego_query_eval_ns", System.nanoTime() - parsed);
        // The service encodes the result for its response and hands that encoding over too.
        byte[] resultJson = result == null ? null : JsonBytes.encode(result);
        log.log(new DecisionEvent(ids.next().toString(), "mandate/exchange/decision", in,
            inputJson, result, resultJson, null, "benchmark", "127.0.0.1:40000", Instant.now(),
            timers, inputJson.length));
        n++;
      }
      return n;
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new DecisionLogWriterLoad()).execute(args));
  }
}
