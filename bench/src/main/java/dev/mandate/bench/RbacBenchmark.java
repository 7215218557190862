package dev.mandate.bench;

import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.Policy;
import dev.mandate.rego.PreparedQuery;
import dev.mandate.rego.QueryResult;
import dev.mandate.rego.Rego;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.ObjectValue;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (a) A small RBAC policy on a small input: the user's roles grant permissions, a permission
 * allows an action on a resource type. Target: median under 5 µs per decision.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RbacBenchmark {
  static final String POLICY = """
      package rbac

      default allow := false

      allow if {
        some role in data.user_roles[input.user]
        some grant in data.role_grants[role]
        grant.action == input.action
        grant.type == input.type
      }

      allow if input.user in data.admins
      """;

  static final String DATA = """
      {
        "admins": ["root"],
        "user_roles": {"alice": ["engineer", "reader"], "bob": ["reader"], "carol": ["billing"]},
        "role_grants": {
          "reader": [{"action": "read", "type": "document"}, {"action": "read", "type": "ticket"}],
          "engineer": [{"action": "write", "type": "document"}, {"action": "deploy", "type": "service"}],
          "billing": [{"action": "read", "type": "invoice"}, {"action": "write", "type": "invoice"}]
        }
      }
      """;

  private PreparedQuery allow;
  private EvalOptions permitted;
  private EvalOptions denied;

  @Setup
  public void setup() {
    Policy policy = Rego.builder().module("rbac.rego", POLICY).data((ObjectValue) Json.parse(DATA)).compile();
    allow = policy.prepare("data.rbac.allow");
    permitted = EvalOptions.withInput(Json.parse("{\"user\": \"alice\", \"action\": \"deploy\", \"type\": \"service\"}"));
    denied = EvalOptions.withInput(Json.parse("{\"user\": \"bob\", \"action\": \"write\", \"type\": \"invoice\"}"));
    check(allow.eval(permitted), true);
    check(allow.eval(denied), false);
  }

  static void check(List<QueryResult> rs, boolean want) {
    if (rs.size() != 1 || !rs.get(0).expressions().get(0).toString().equals(Boolean.toString(want))) {
      throw new IllegalStateException("benchmark policy gives the wrong answer: " + rs);
    }
  }

  @Benchmark
  public List<QueryResult> permit() {
    return allow.eval(permitted);
  }

  @Benchmark
  public List<QueryResult> deny() {
    return allow.eval(denied);
  }
}
