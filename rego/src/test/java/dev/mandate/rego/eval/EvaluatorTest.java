package dev.mandate.rego.eval;

import static dev.mandate.rego.eval.EngineTestSupport.eval;
import static dev.mandate.rego.eval.EngineTestSupport.json;
import static dev.mandate.rego.eval.EngineTestSupport.policy;
import static dev.mandate.rego.eval.EngineTestSupport.policyWithData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.Policy;
import dev.mandate.rego.PreparedQuery;
import dev.mandate.rego.QueryResult;
import dev.mandate.rego.value.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

  @Test
  void completeRuleWithDefault() {
    Policy p = policy("""
        package t
        default allow := false
        allow if input.user == "alice"
        """);
    assertEquals(json("true"), eval(p, "x := data.t.allow", "{\"user\": \"alice\"}"));
    assertEquals(json("false"), eval(p, "x := data.t.allow", "{\"user\": \"bob\"}"));
  }

  @Test
  void undefinedIsNotFalse() {
    Policy p = policy("""
        package t
        allow if input.user == "alice"
        """);
    assertNull(eval(p, "x := data.t.allow", "{\"user\": \"bob\"}"));
    assertEquals(json("true"), eval(p, "x := true; not data.t.allow", "{\"user\": \"bob\"}"));
  }

  @Test
  void partialSetsAndObjects() {
    Policy p = policyWithData("{\"users\": {\"a\": {\"roles\": [\"x\", \"y\"]}, \"b\": {\"roles\": [\"y\"]}}}", """
        package t
        roles contains r if some r in data.users[_].roles
        by_role[r] contains u if { some u; some r in data.users[u].roles }
        count_by_user[u] := n if { some u; n := count(data.users[u].roles) }
        """);
    assertEquals("{\"x\", \"y\"}", Values.toRego(eval(p, "x := data.t.roles", null)));
    assertEquals("{\"x\": {\"a\"}, \"y\": {\"a\", \"b\"}}", Values.toRego(eval(p, "x := data.t.by_role", null)));
    assertEquals(json("2"), eval(p, "x := data.t.count_by_user.a", null));
    assertEquals(json("\"y\""), eval(p, "x := data.t.roles[\"y\"]", null));
    assertNull(eval(p, "x := data.t.roles[\"z\"]", null));
  }

  @Test
  void functionsElseAndConflicts() {
    Policy p = policy("""
        package t
        f(x) := "big" if x > 10
        else := "small"
        g(x) := 1
        g(x) := 2 if x > 0
        """);
    assertEquals(json("\"big\""), eval(p, "x := data.t.f(11)", null));
    assertEquals(json("\"small\""), eval(p, "x := data.t.f(1)", null));
    EvalException e = assertThrows(EvalException.class, () -> eval(p, "x := data.t.g(1)", null));
    assertEquals(EvalException.CONFLICT, e.code());
    assertEquals(json("1"), eval(p, "x := data.t.g(0)", null));
  }

  @Test
  void completeRuleConflictIsAnError() {
    Policy p = policy("""
        package t
        p := 1 if input.a
        p := 2 if input.b
        """);
    EvalException e = assertThrows(EvalException.class,
        () -> eval(p, "x := data.t.p", "{\"a\": true, \"b\": true}"));
    assertEquals(EvalException.CONFLICT, e.code());
    assertTrue(e.getMessage().contains("complete rules must not produce multiple outputs"), e.getMessage());
    assertTrue(e.getMessage().startsWith("test-0.rego:3:"), e.getMessage());
  }

  @Test
  void withReplacesInputDataAndFunctions() {
    Policy p = policy("""
        package t
        allow if input.user == "alice"
        limit := data.cfg.limit
        twice(x) := x * 2
        uses := twice(3)
        """);
    assertEquals(json("true"), eval(p, "x := data.t.allow with input.user as \"alice\"", null));
    assertEquals(json("7"), eval(p, "x := data.t.limit with data.cfg.limit as 7", null));
    assertEquals(json("6"), eval(p, "x := data.t.uses", null));
    assertEquals(json("42"), eval(p, "x := data.t.uses with data.t.twice as 42", null));
  }

  @Test
  void everyAndComprehensions() {
    Policy p = policy("""
        package t
        all_small if every x in input.xs { x < 10 }
        squares := [y | some x in input.xs; y := x * x]
        index := {k: v | some v in input.xs; k := sprintf_free(v)}
        sprintf_free(v) := v + 100
        """);
    assertEquals(json("true"), eval(p, "x := data.t.all_small", "{\"xs\": [1, 2, 3]}"));
    assertNull(eval(p, "x := data.t.all_small", "{\"xs\": [1, 20]}"));
    assertEquals(json("[1, 4, 9]"), eval(p, "x := data.t.squares", "{\"xs\": [1, 2, 3]}"));
    assertEquals("{101: 1, 102: 2}", Values.toRego(eval(p, "x := data.t.index", "{\"xs\": [1, 2]}")));
  }

  @Test
  void bodyIsReorderedForSafety() {
    Policy p = policy("""
        package t
        p := y if {
          y > 1
          y = input.n
        }
        """);
    assertEquals(json("5"), eval(p, "x := data.t.p", "{\"n\": 5}"));
  }

  @Test
  void stepLimitStopsRunawayPolicies() {
    Policy p = policy("""
        package t
        big := count([x | some x in numbers.range(1, 100000000)])
        """);
    EvalException e = assertThrows(EvalException.class,
        () -> p.prepare("x := data.t.big").eval(EvalOptions.defaults().maxSteps(10_000)));
    assertEquals(EvalException.CANCEL, e.code());
  }

  /**
   * The limit is exact, not rounded to the blocks the clock is checked in: a query passes with a
   * limit of its step count and fails with one less, and that count grows by the same number of
   * steps per element whether the limit falls below one block or several blocks in.
   */
  @Test
  void stepLimitIsExact() {
    Policy p = policy("""
        package t
        total(n) := count([x | some x in numbers.range(1, n); x > 0])
        """);
    int[] sizes = {1, 2, 3, 400, 1500, 3000};
    long[] steps = new long[sizes.length];
    for (int i = 0; i < sizes.length; i++) {
      PreparedQuery q = p.prepare("x := data.t.total(" + sizes[i] + ")");
      long lo = 1;
      long hi = 1_000_000;
      while (lo < hi) { // the smallest limit the query passes with
        long mid = (lo + hi) / 2;
        try {
          q.eval(EvalOptions.defaults().maxSteps(mid));
          hi = mid;
        } catch (EvalException e) {
          assertEquals(EvalException.CANCEL, e.code());
          assertTrue(e.getMessage().contains("step limit"), e.getMessage());
          lo = mid + 1;
        }
      }
      steps[i] = lo;
      assertEquals(json(Integer.toString(sizes[i])),
          q.eval(EvalOptions.defaults().maxSteps(lo)).get(0).bindings().get("x"));
    }
    long perElement = steps[1] - steps[0];
    assertTrue(perElement > 0);
    for (int i = 0; i < sizes.length; i++) {
      assertEquals(steps[0] + (sizes[i] - 1) * perElement, steps[i], "steps for " + sizes[i]);
    }
  }

  @Test
  void deadlineStopsRunawayPolicies() {
    Policy p = policy("""
        package t
        slow if {
          some a in numbers.range(1, 100000)
          some b in numbers.range(1, 100000)
          a + b < 0
        }
        """);
    EvalException e = assertThrows(EvalException.class,
        () -> p.prepare("x := data.t.slow").eval(EvalOptions.defaults().timeout(Duration.ofMillis(50))));
    assertEquals(EvalException.CANCEL, e.code());
    assertTrue(e.getMessage().contains("deadline"), e.getMessage());
  }

  @Test
  void aLoneQueryTermReportsFalseAsOpaDoes() {
    Policy p = policy("""
        package t
        default allow := false
        """);
    List<QueryResult> rs = EngineTestSupport.rows(p, "data.t.allow", null);
    assertEquals(1, rs.size());
    assertEquals(json("false"), rs.get(0).expressions().get(0));
    assertEquals(json("false"), EngineTestSupport.rows(p, "1 > 2", null).get(0).expressions().get(0));
    // With more than one expression a false term fails the query.
    assertTrue(EngineTestSupport.rows(p, "x := 1; data.t.allow", null).isEmpty());
    // An iterating term is not captured either.
    assertTrue(EngineTestSupport.rows(p, "[false][_]", null).isEmpty());
  }

  @Test
  void anExpressionReportsTheValueItHadUnderItsWithModifiers() {
    Policy p = policy("""
        package t
        default allow := false
        allow if input.user == "alice"
        role := r if r := input.role
        """);
    // The value under the modifier, false included: not `true` for "the expression held".
    assertEquals(json("false"), EngineTestSupport.rows(p,
        "data.t.allow with input as {\"user\": \"bob\"}", null).get(0).expressions().get(0));
    assertEquals(json("true"), EngineTestSupport.rows(p,
        "data.t.allow with input as {\"user\": \"alice\"}", "{\"user\": \"bob\"}")
        .get(0).expressions().get(0));
    assertEquals(json("\"admin\""), EngineTestSupport.rows(p,
        "data.t.role with input.role as \"admin\"", "{\"role\": \"guest\"}")
        .get(0).expressions().get(0));
    // Each expression of a longer query reports its own value, in source order.
    List<QueryResult> rs = EngineTestSupport.rows(p,
        "x := 2; x * 3; data.t.role with input.role as \"admin\"; data.t.role",
        "{\"role\": \"guest\"}");
    assertEquals(1, rs.size());
    assertEquals(List.of(json("true"), json("6"), json("\"admin\""), json("\"guest\"")),
        rs.get(0).expressions());
    // One row per solution, each with its own value.
    rs = EngineTestSupport.rows(p, "i := [0, 1][_]; [10, 20][i]", null);
    assertEquals(List.of(json("10"), json("20")),
        rs.stream().map(r -> r.expressions().get(1)).sorted(Values::compare).toList());
  }

  @Test
  void anExpressionIsEvaluatedOnceForItsValue() {
    Policy p = policy("""
        package t
        p := 1 if print("p")
        """);
    List<String> printed = new ArrayList<>();
    List<QueryResult> rs = p.prepare("data.t.p with input as {}")
        .eval(EvalOptions.defaults().printSink((loc, line) -> printed.add(line)));
    assertEquals(json("1"), rs.get(0).expressions().get(0));
    assertEquals(List.of("p"), printed);
  }
}
