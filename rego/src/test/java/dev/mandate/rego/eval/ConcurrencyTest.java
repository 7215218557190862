package dev.mandate.rego.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.Policy;
import dev.mandate.rego.PreparedQuery;
import dev.mandate.rego.QueryResult;
import dev.mandate.rego.value.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One prepared policy, evaluated from 8 threads at once, gives each thread the same answers. */
class ConcurrencyTest {
  private static final String POLICY = """
      package authz
      default allow := false
      allow if {
        some role in data.roles[input.user]
        some grant in data.grants[role]
        grant.action == input.action
      }
      reasons contains msg if {
        not allow
        msg := sprintf("%s may not %s", [input.user, input.action])
      }
      roles_by_user := {u: count(rs) | some u, rs in data.roles}
      """;
  private static final String DATA = """
      {"roles": {"alice": ["admin", "dev"], "bob": ["dev"], "carol": []},
       "grants": {"admin": [{"action": "delete"}], "dev": [{"action": "read"}, {"action": "write"}]}}
      """;

  @Test
  void eightThreadsGetIdenticalResults() throws Exception {
    Policy policy = EngineTestSupport.policyWithData(DATA, POLICY);
    PreparedQuery q = policy.prepare("allow := data.authz.allow; reasons := data.authz.reasons; "
        + "by_user := data.authz.roles_by_user");
    String[] users = {"alice", "bob", "carol", "dave"};
    String[] actions = {"read", "write", "delete"};
    List<String> inputs = new ArrayList<>();
    for (String u : users) {
      for (String a : actions) {
        inputs.add("{\"user\": \"" + u + "\", \"action\": \"" + a + "\"}");
      }
    }
    // The reference answers, computed on one thread.
    List<List<QueryResult>> expected = new ArrayList<>();
    for (String in : inputs) {
      expected.add(q.eval(EvalOptions.withInput(Json.parse(in))));
    }

    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<List<QueryResult>>>> futures = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      futures.add(pool.submit(() -> {
        start.await();
        List<List<QueryResult>> all = new ArrayList<>();
        for (int round = 0; round < 200; round++) {
          for (String in : inputs) {
            List<QueryResult> rs = q.eval(EvalOptions.withInput(Json.parse(in)));
            if (round == 0) {
              all.add(rs);
            } else if (!rs.equals(all.get(inputs.indexOf(in)))) {
              throw new AssertionError("answer changed between rounds for " + in);
            }
          }
        }
        return all;
      }));
    }
    start.countDown();
    for (Future<List<List<QueryResult>>> f : futures) {
      assertEquals(expected, f.get());
    }
    pool.shutdown();
    // The answers are the right ones, not merely the same ones.
    assertEquals(Json.parse("true"), expected.get(2).get(0).bindings().get("allow"));
    assertEquals(Json.parse("false"), expected.get(5).get(0).bindings().get("allow"));
    assertEquals("{\"bob may not delete\"}",
        dev.mandate.rego.value.Values.toRego(expected.get(5).get(0).bindings().get("reasons")));
  }
}
