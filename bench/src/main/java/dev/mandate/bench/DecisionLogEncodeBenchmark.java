package dev.mandate.bench;

import dev.mandate.pdp.decisionlog.DecisionEvent;
import dev.mandate.pdp.decisionlog.EventEncoder;
import dev.mandate.pdp.decisionlog.Masker;
import dev.mandate.pdp.policy.PolicyDirectory;
import dev.mandate.pdp.policy.PolicyStore;
import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.JsonBytes;
import dev.mandate.rego.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (d) The decision log writer's work per decision: masking and encoding one event for the example
 * permit (its input and the decision the shipped policies return), as the service's single
 * writer thread does for every decision. Off the request path, but on the same CPUs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionLogEncodeBenchmark {
  @Param("policies")
  public String policies;

  @Param("docs/examples/exchange-input.json")
  public String input;

  private EventEncoder encoder;
  /** Reused for every event, as the writer thread reuses its one buffer. */
  private final JsonBytes line = new JsonBytes(4096);
  private DecisionEvent event;
  private byte[] inputJson;

  @Setup
  public void setup() throws IOException {
    inputJson = Files.readAllBytes(Path.of(input));
    Value in = Json.parse(inputJson);
    Value result = new PolicyStore(new PolicyDirectory(Path.of(policies)), 16, o -> { })
        .loadInitial().prepare("data.mandate.exchange.decision")
        .eval(EvalOptions.withInput(in).timeout(Duration.ofSeconds(10)))
        .get(0).expressions().get(0);
    encoder = new EventEncoder(new Masker(List.of()), Map.of("id", "bench", "version", "dev"));
    event = new DecisionEvent("01936f4e-8a2b-7c3d-9e4f-0123456789ab", "mandate/exchange/decision",
        in, inputJson, result, JsonBytes.encode(result), null, "f5922a160da154db", "127.0.0.1",
        Instant.now(), Map.of("timer_rego_query_eval_ns", 100_000L), inputJson.length);
  }

  /**
   * What the writer does for each exchange decision: the input copied from the request's text
   * and the result from the response's encoding, both masked on the way.
   */
  @Benchmark
  public int encode() {
    return encoder.encode(event, line.reset()).length();
  }

  /**
   * The fallback, for events without that text (other APIs, inputs the copier declines): the
   * documents masked and encoded from their values, the input freshly parsed so that its key
   * order is worked out here as in the service. Subtract {@link #parseInput}.
   */
  @Benchmark
  public int encodeFromValues() {
    DecisionEvent e = event;
    return encoder.encode(new DecisionEvent(e.decisionId(), e.path(), Json.parse(inputJson),
        e.result(), null, e.revision(), e.requestedBy(), e.timestamp(), e.metrics()),
        line.reset()).length();
  }

  /** The parse included in {@link #encodeFromValues}. */
  @Benchmark
  public Value parseInput() {
    return Json.parse(inputJson);
  }
}
