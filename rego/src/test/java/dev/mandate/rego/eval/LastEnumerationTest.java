package dev.mandate.rego.eval;

import static dev.mandate.rego.eval.EngineTestSupport.eval;
import static dev.mandate.rego.eval.EngineTestSupport.json;
import static dev.mandate.rego.eval.EngineTestSupport.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mandate.rego.Policy;
import org.junit.jupiter.api.Test;

/**
 * An enumerating expression last in a body hands each solution straight to what follows the
 * body (the comprehension's collector, the rule's head, the enclosing body's rest). Each
 * solution must still see its own bindings only: nothing bound for one may be left for the next,
 * in nested loops, destructuring patterns and bodies with earlier bindings alike.
 */
class LastEnumerationTest {
  private static final String MODULE = """
      package t
      pairs := [[x, y] | some x in input.xs; some y in input.ys]
      keys := [k | some k, _ in input.obj]
      larger := [[x, ys] | some x in input.xs; ys := [y | some y in input.ys; y > x]]
      seconds := [b | some [_, b] in input.pairs]
      after_bound := [[a, b] | a := count(input.xs); some [a, b] in input.pairs]
      members contains x if some x in input.xs
      firsts contains a if some [a, _] in input.pairs
      """;

  private final Policy policy = policy(MODULE);
  private static final String INPUT = """
      {"xs": [1, 2], "ys": [3, 1, 2], "obj": {"b": 1, "a": 2},
       "pairs": [[1, "a"], [2, "b"], [2, "c"]]}""";

  private void assertRule(String rule, String expected) {
    assertEquals(json(expected), eval(policy, "x := data.t." + rule, INPUT), rule);
  }

  @Test
  void nestedLoopsBindEachSolutionAfresh() {
    assertRule("pairs", "[[1, 3], [1, 1], [1, 2], [2, 3], [2, 1], [2, 2]]");
    assertRule("larger", "[[1, [3, 2]], [2, [3]]]");
  }

  @Test
  void keysAndPatterns() {
    assertRule("keys", "[\"a\", \"b\"]");
    assertRule("seconds", "[\"a\", \"b\", \"c\"]");
    assertRule("after_bound", "[[2, \"b\"], [2, \"c\"]]");
  }

  @Test
  void ruleBodiesEndingInAnEnumeration() {
    assertEquals(json("[1, 2]"), eval(policy, "x := sort(data.t.members)", INPUT));
    assertEquals(json("[1, 2]"), eval(policy, "x := sort(data.t.firsts)", INPUT));
  }
}
