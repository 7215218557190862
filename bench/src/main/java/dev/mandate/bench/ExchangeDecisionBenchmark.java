package dev.mandate.bench;

import dev.mandate.pdp.policy.PolicyDirectory;
import dev.mandate.pdp.policy.PolicyStore;
import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.PreparedQuery;
import dev.mandate.rego.QueryResult;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * (c) The decision service's own evaluation, without HTTP: {@code data.mandate.exchange.decision}
 * on the shipped policies (loaded and compiled exactly as the service loads them) with the
 * example permit input, with a deadline set (so its checks are paid for) but a long one: on a busy
 * machine one slow sample past the service's 50 ms would abort the whole run. This is the engine's share of each
 * {@code /v1/exchange/decisions} request, which the HTTP load benchmark cannot separate out.
 *
 * <p>Paths are relative to the working directory (run from the repository root) or set with
 * {@code -p policies=DIR -p input=FILE}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class ExchangeDecisionBenchmark {
  @Param("policies")
  public String policies;

  @Param("docs/examples/exchange-input.json")
  public String input;

  private PreparedQuery decision;
  private EvalOptions options;
  private byte[] inputJson;

  @Setup
  public void setup() throws IOException {
    PolicyStore store = new PolicyStore(new PolicyDirectory(Path.of(policies)), 16, o -> { });
    decision = store.loadInitial().prepare("data.mandate.exchange.decision");
    inputJson = Files.readAllBytes(Path.of(input));
    Value in = Json.parse(inputJson);
    options = EvalOptions.withInput(in).timeout(Duration.ofSeconds(10));
    List<QueryResult> rs = decision.eval(options);
    Value allow = rs.isEmpty() ? null
        : ((ObjectValue) rs.get(0).expressions().get(0)).get(StringValue.of("allow"));
    if (allow == null || !allow.toString().equals("true")) {
      throw new IllegalStateException("the benchmark input must be a permit, got " + rs);
    }
  }

  @Benchmark
  public List<QueryResult> permit() {
    return decision.eval(options);
  }

  /**
   * As the service sees it: the input is a document parsed for this request, so nothing about it
   * (string hashes, object key order) has been worked out before. Includes the parse (see
   * {@code DecisionLogEncodeBenchmark.parseInput} for its share).
   */
  @Benchmark
  public List<QueryResult> permitFreshInput() {
    return decision.eval(EvalOptions.withInput(Json.parse(inputJson)).timeout(options.timeout()));
  }
}
