package dev.mandate.bench;

import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.Policy;
import dev.mandate.rego.PreparedQuery;
import dev.mandate.rego.QueryResult;
import dev.mandate.rego.Rego;
import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
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
 * (b) Allowlist membership at 10, 10,000 and 100,000 entries, two ways: a data-driven list
 * ({@code input.client_id in data.allowed_clients}) and a rule set with one rule per client
 * (answered through the rule index). Target: 100,000 within 2x of 10.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AllowlistBenchmark {
  @Param({"10", "10000", "100000"})
  public int entries;

  private PreparedQuery dataDriven;
  private PreparedQuery ruleDriven;
  private EvalOptions lastClient;

  @Setup
  public void setup() {
    Value[] clients = new Value[entries];
    for (int i = 0; i < entries; i++) {
      clients[i] = StringValue.of("client-" + i);
    }
    ObjectValue data = ObjectValue.builder().put("allowed_clients", ArrayValue.wrap(clients)).build();
    Policy byData = Rego.builder().module("allow.rego", """
        package allowlist
        default allow := false
        allow if input.client_id in data.allowed_clients
        """).data(data).compile();
    dataDriven = byData.prepare("data.allowlist.allow");

    StringBuilder rules = new StringBuilder("package ruleset\ndefault allow := false\n");
    for (int i = 0; i < entries; i++) {
      rules.append("allow if input.client_id == \"client-").append(i).append("\"\n");
    }
    ruleDriven = Rego.builder().module("rules.rego", rules.toString()).compile().prepare("data.ruleset.allow");

    lastClient = EvalOptions.withInput(Json.parse("{\"client_id\": \"client-" + (entries - 1) + "\"}"));
    RbacBenchmark.check(dataDriven.eval(lastClient), true);
    RbacBenchmark.check(ruleDriven.eval(lastClient), true);
  }

  @Benchmark
  public List<QueryResult> dataDriven() {
    return dataDriven.eval(lastClient);
  }

  @Benchmark
  public List<QueryResult> ruleDriven() {
    return ruleDriven.eval(lastClient);
  }
}
