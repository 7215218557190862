package dev.mandate.rego.eval;

import static dev.mandate.rego.eval.EngineTestSupport.eval;
import static dev.mandate.rego.eval.EngineTestSupport.json;
import static dev.mandate.rego.eval.EngineTestSupport.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mandate.rego.Policy;
import org.junit.jupiter.api.Test;

/**
 * Unifying a value with an array pattern whose elements are all variables or constants
 * ({@code [path, value]}, {@code [_, name]}, {@code ["k", v]}) binds and compares the elements
 * in one pass; nested patterns go element by element. Both must bind each solution afresh,
 * honour variables bound before the pattern and repeated in it, and undo their bindings when a
 * solution is done.
 */
class ArrayPatternTest {
  private static final String MODULE = """
      package t
      pairs := [[a, b] | some p in input.pairs; [a, b] = p]
      equal_pairs := [x | some p in input.pairs; [x, x] = p]
      keyed := [b | some p in input.pairs; ["k", b] = p]
      after_bound := [b | a := 1; some p in input.pairs; [a, b] = p]
      seconds := [b | some p in input.pairs; [_, b] = p]
      nested := [[a, c] | some p in input.nested; [a, [_, c]] = p]
      numbers_at := [path | walk(input.doc, [path, value]); is_number(value)]
      wrong_length := [p | some p in input.pairs; [_, _, _] = p]
      """;

  private final Policy policy = policy(MODULE);

  private void assertRule(String rule, String input, String expected) {
    assertEquals(json(expected), eval(policy, "x := data.t." + rule, input), rule);
  }

  @Test
  void everySolutionBindsThePatternAfresh() {
    assertRule("pairs", "{\"pairs\": [[1, 2], [3, 4], [1, 2]]}", "[[1, 2], [3, 4], [1, 2]]");
    assertRule("seconds", "{\"pairs\": [[1, 2], [3, 4], [5, 2]]}", "[2, 4, 2]");
  }

  @Test
  void aVariableRepeatedInThePatternMustMatchItself() {
    assertRule("equal_pairs", "{\"pairs\": [[1, 2], [3, 3], [\"a\", \"a\"], [4, \"4\"]]}",
        "[3, \"a\"]");
  }

  @Test
  void constantsAndVariablesBoundBeforeThePatternAreCompared() {
    assertRule("keyed", "{\"pairs\": [[\"k\", 1], [\"j\", 2], [\"k\", 3]]}", "[1, 3]");
    assertRule("after_bound", "{\"pairs\": [[1, \"a\"], [2, \"b\"], [1, \"c\"]]}",
        "[\"a\", \"c\"]");
  }

  @Test
  void nestedPatternsAndWalkOutputs() {
    assertRule("nested", "{\"nested\": [[1, [2, 3]], [4, [5, 6]], [7, 8]]}", "[[1, 3], [4, 6]]");
    assertRule("numbers_at", "{\"doc\": {\"a\": 1, \"b\": {\"c\": 2, \"d\": \"x\"}}}",
        "[[\"a\"], [\"b\", \"c\"]]");
  }

  @Test
  void aPatternOfAnotherLengthDoesNotMatch() {
    assertRule("wrong_length", "{\"pairs\": [[1, 2], [3, 4]]}", "[]");
  }
}
