package dev.mandate.rego.eval;

import static dev.mandate.rego.eval.EngineTestSupport.json;
import static dev.mandate.rego.eval.EngineTestSupport.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.Policy;
import dev.mandate.rego.QueryResult;
import dev.mandate.rego.coverage.CoverageTracker;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Complete rules and functions whose rules each give a constant ({@code allow if {...}},
 * {@code kind(x) := "a" if ...}) are evaluated without the general collector: each rule runs
 * to its first solution and the values are compared. They must answer exactly as the general
 * path does, which coverage tracking still takes: the same value, the default or undefined when
 * no rule holds, and a conflict, at the later rule, when two rules give different values.
 */
class ConstantValueRulesTest {
  private static final String MODULE = """
      package t
      kind(x) := "small" if x < 10
      kind(x) := "large" if x >= 10
      kind(x) := "large" if x >= 100

      sign(0) := "zero"
      sign(x) := "positive" if x > 0

      clash(x) := "a" if x > 0
      clash(x) := "b" if x > 1

      kinds := [kind(n) | some n in input.numbers]
      signs := [sign(n) | some n in input.numbers]
      clash_of_input := clash(input.n)

      default allow := false
      allow if input.role == "admin"
      allow if input.role == "owner"

      level := "high" if input.n > 10
      level := "low" if input.n < 5
      level := "high" if { some m in input.numbers; m > 10 }

      default size(_) := "unknown"
      size(x) := "big" if x > 100
      size_of_input := size(input.n)
      """;

  private final Policy policy = policy(MODULE);

  private Value rule(String name, String inputJson, boolean coverage) {
    EvalOptions o = EvalOptions.withInput(Json.parse(inputJson));
    if (coverage) {
      o = o.coverage(new CoverageTracker());
    }
    List<QueryResult> rs = policy.prepare("x := data.t." + name).eval(o);
    return rs.isEmpty() ? null : rs.get(0).bindings().get("x");
  }

  /** The fast path's answer, after checking that the general path gives the same. */
  private Value rule(String name, String inputJson) {
    Value fast = rule(name, inputJson, false);
    assertEquals(rule(name, inputJson, true), fast, "with coverage (the general path)");
    return fast;
  }

  @Test
  void eachRuleThatHoldsGivesItsValueAndEqualValuesAgree() {
    assertEquals(json("[\"small\", \"large\", \"large\"]"),
        rule("kinds", "{\"numbers\": [3, 42, 500]}"));
  }

  @Test
  void constantParametersSelectTheirRuleAndNoRuleMeansUndefined() {
    assertEquals(json("[\"zero\", \"positive\"]"), rule("signs", "{\"numbers\": [0, 5]}"));
    // sign(-1): neither rule holds, so the call is undefined and the element is dropped.
    assertEquals(json("[\"zero\"]"), rule("signs", "{\"numbers\": [-1, 0]}"));
    assertNull(rule("clash_of_input", "{\"n\": 0}"));
    assertEquals(json("\"a\""), rule("clash_of_input", "{\"n\": 1}"));
  }

  @Test
  void completeRulesGiveTheirValueTheDefaultOrNothing() {
    assertEquals(json("true"), rule("allow", "{\"role\": \"owner\"}"));
    assertEquals(json("false"), rule("allow", "{\"role\": \"guest\"}"));
    assertEquals(json("\"high\""), rule("level", "{\"n\": 20, \"numbers\": [1, 30, 40]}"));
    assertEquals(json("\"low\""), rule("level", "{\"n\": 1}"));
    assertNull(rule("level", "{\"n\": 7}"));
    assertEquals(json("\"big\""), rule("size_of_input", "{\"n\": 101}"));
    assertEquals(json("\"unknown\""), rule("size_of_input", "{\"n\": 1}"));
  }

  @Test
  void completeRulesWithDifferentValuesConflict() {
    assertConflictAt("level", "{\"n\": 1, \"numbers\": [11]}",
        "complete rules must not produce multiple outputs", 22);
  }

  @Test
  void differentValuesAreAConflictAtTheLaterRule() {
    assertConflictAt("clash_of_input", "{\"n\": 2}",
        "functions must not produce multiple outputs for same inputs", 10);
  }

  /** The conflict, on both paths, reported at the rule that gave the second value. */
  private void assertConflictAt(String name, String inputJson, String detail, int line) {
    for (boolean coverage : new boolean[] {false, true}) {
      EvalException e = assertThrows(EvalException.class, () -> rule(name, inputJson, coverage));
      assertEquals(EvalException.CONFLICT, e.code());
      assertEquals(detail, e.detail());
      assertEquals(line, e.location().line(), "the rule that gave the second value");
    }
  }
}
