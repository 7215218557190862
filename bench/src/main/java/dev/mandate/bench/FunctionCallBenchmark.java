package dev.mandate.bench;

import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.PreparedQuery;
import dev.mandate.rego.QueryResult;
import dev.mandate.rego.Rego;
import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
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
 * What a helper function costs a policy author: one test written in place and the same test
 * behind a user function, each made 1,000 times in one comprehension over {@code input.keys}.
 * The time per evaluation in microseconds is about the time per element in nanoseconds, so the
 * difference between two shapes is what the call adds to each test.
 *
 * <p>Shapes: {@code index} ({@code input.o[k] != null}); {@code guarded} (the same as
 * {@code is_object(input.o); object.get(input.o, k, null) != null}); {@code predicate} and
 * {@code guardedPredicate} (those two as the body of a one-rule function {@code present(obj,
 * key)}); {@code compare} ({@code k != "k1"}) and {@code twoRuleFunction} (the same answer
 * through a classification of two rules, {@code kind(x) := "a" if x == "k1"} and
 * {@code kind(x) := "b" if x != "k1"}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FunctionCallBenchmark {
  private static final int KEYS = 1_000;

  @Param({"index", "guarded", "predicate", "guardedPredicate", "compare", "twoRuleFunction"})
  public String shape;

  private PreparedQuery query;
  private EvalOptions options;

  @Setup
  public void setup() {
    String module = "package calls\n" + switch (shape) {
      case "index" -> "n := count([k | some k in input.keys; input.o[k] != null])\n";
      case "guarded" -> "n := count([k | some k in input.keys; is_object(input.o);"
          + " object.get(input.o, k, null) != null])\n";
      case "predicate" -> """
          present(obj, key) if obj[key] != null
          n := count([k | some k in input.keys; present(input.o, k)])
          """;
      case "guardedPredicate" -> """
          present(obj, key) if {
            is_object(obj)
            object.get(obj, key, null) != null
          }
          n := count([k | some k in input.keys; present(input.o, k)])
          """;
      case "compare" -> "n := count([k | some k in input.keys; k != \"k1\"])\n";
      case "twoRuleFunction" -> """
          kind(x) := "a" if x == "k1"
          kind(x) := "b" if x != "k1"
          n := count([k | some k in input.keys; kind(k) == "b"])
          """;
      default -> throw new IllegalArgumentException("unknown shape " + shape);
    };
    query = Rego.builder().module("calls.rego", module).compile().prepare("data.calls.n");

    Value[] keys = new Value[KEYS];
    ObjectValue.Builder o = ObjectValue.builder(KEYS / 2);
    for (int i = 0; i < KEYS; i++) {
      keys[i] = StringValue.of("k" + i);
      if (i % 2 == 0) {
        o.put(keys[i], BooleanValue.TRUE);
      }
    }
    Value input = ObjectValue.builder()
        .put("keys", ArrayValue.wrap(keys))
        .put("o", o.build())
        .build();
    options = EvalOptions.withInput(input);
    List<QueryResult> rs = query.eval(options);
    if (rs.isEmpty()) {
      throw new IllegalStateException("shape " + shape + " gave no result");
    }
  }

  @Benchmark
  public List<QueryResult> evaluate() {
    return query.eval(options);
  }
}
