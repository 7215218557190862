package dev.mandate.rego.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectationTest {
  static ConformanceCase errorCase(String code, String text) {
    return new ConformanceCase("n", "f.yaml", List.of(), ObjectValue.EMPTY, null, null, "p",
        null, false, code, text, true);
  }

  static ConformanceCase resultCase(List<Map<String, Value>> rows) {
    return new ConformanceCase("n", "f.yaml", List.of(), ObjectValue.EMPTY, null, null, "p",
        rows, false, null, null, false);
  }

  private static final Observed TYPE_ERROR = new Observed.EngineError(List.of("eval_type_error"),
      "test-0.rego:4: eval_type_error: strings.reverse: operand 1 must be string but got number");

  @Test
  void errorMatchesByCodeAndSubstring() {
    assertNull(Expectation.mismatch(errorCase("eval_type_error", null), TYPE_ERROR));
    assertNull(Expectation.mismatch(errorCase(null, "reverse: operand 1 must be string"),
        TYPE_ERROR));
    assertNull(Expectation.mismatch(errorCase("eval_type_error",
        "test-0.rego:4: eval_type_error: strings.reverse"), TYPE_ERROR));
  }

  @Test
  void wrongCodeOrMissingTextFails() {
    assertEquals("wrong error code",
        Expectation.mismatch(errorCase("eval_builtin_error", null), TYPE_ERROR));
    assertEquals("error message lacks the expected text",
        Expectation.mismatch(errorCase("eval_type_error", "operand 2"), TYPE_ERROR));
  }

  @Test
  void anyCodeOfACompileFailureCounts() {
    Observed compile = new Observed.EngineError(
        List.of("rego_parse_error", "rego_type_error"), "2 errors occurred");
    assertNull(Expectation.mismatch(errorCase("rego_type_error", null), compile));
  }

  @Test
  void resultOrCrashIsNotTheExpectedError() {
    assertEquals("expected an error, got a result",
        Expectation.mismatch(errorCase("eval_type_error", null),
            new Observed.Rows(SetValue.EMPTY)));
    assertEquals("crashed", Expectation.mismatch(errorCase("eval_type_error", null),
        new Observed.Crash("java.lang.NullPointerException")));
  }

  @Test
  void errorWhenAResultIsWantedFails() {
    assertEquals("unexpected error", Expectation.mismatch(resultCase(List.of()), TYPE_ERROR));
  }

  @Test
  void rowsAreCompared() {
    ConformanceCase c = resultCase(List.of(Map.of("x", NumberValue.of(1))));
    Observed good = new Observed.Rows(ResultRows.actual(
        List.of(Map.of("x", NumberValue.of(1))), false));
    Observed bad = new Observed.Rows(ResultRows.actual(
        List.of(Map.of("x", StringValue.of("1"))), false));
    assertNull(Expectation.mismatch(c, good));
    assertEquals("wrong result", Expectation.mismatch(c, bad));
  }

  @Test
  void descriptionsSayWhatWasWanted() {
    assertEquals("error code eval_type_error and message containing \"boom\"",
        Expectation.describeExpected(errorCase("eval_type_error", "boom")));
    assertEquals("(undefined)", Expectation.describeExpected(resultCase(List.of())));
    assertNotNull(Expectation.describe(TYPE_ERROR));
  }
}
