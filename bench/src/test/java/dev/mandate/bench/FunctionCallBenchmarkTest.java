package dev.mandate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The benchmark compares shapes of the same test, so each pair must give the same answer: half
 * of the keys are present in the object, and all but one differ from {@code "k1"}.
 */
class FunctionCallBenchmarkTest {
  @ParameterizedTest
  @CsvSource({
      "index, 500", "guarded, 500", "predicate, 500", "guardedPredicate, 500",
      "compare, 999", "twoRuleFunction, 999"})
  void eachShapeCountsTheSameElements(String shape, int expected) {
    FunctionCallBenchmark b = new FunctionCallBenchmark();
    b.shape = shape;
    b.setup();
    assertEquals(String.valueOf(expected), b.evaluate().get(0).expressions().get(0).toString());
  }
}
