package dev.mandate.rego.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-written cases through the real engine, one per feature of the case format. */
class ConformanceRunnerEngineTest {
  private final ConformanceRunner runner = new ConformanceRunner(Duration.ofSeconds(5), 1);

  private static ConformanceCase c(List<String> modules, ObjectValue data, Value input,
      String inputTerm, String query, String wantRowsJson, boolean sort, String code,
      String text, boolean strict) {
    List<Map<String, Value>> want = null;
    if (wantRowsJson != null) {
      want = ((dev.mandate.rego.value.ArrayValue) Json.parse(wantRowsJson)).asList().stream()
          .map(row -> {
            Map<String, Value> m = new java.util.LinkedHashMap<>();
            ((ObjectValue) row).forEach((k, v) -> m.put(
                ((dev.mandate.rego.value.StringValue) k).value(), v));
            return m;
          }).toList();
    }
    return new ConformanceCase("n", "f.yaml", modules, data, input, inputTerm, query, want,
        sort, code, text, strict);
  }

  private void assertPasses(ConformanceCase c) {
    CaseOutcome o = runner.runOne(c);
    assertTrue(o.passed(), o.expected() + " / " + o.actual());
  }

  @Test
  void modulesDataAndInput() {
    assertPasses(c(List.of("package t\n\np := data.k + input.n\n"),
        (ObjectValue) Json.parse("{\"k\": 1.5}"), Json.parse("{\"n\": 1}"), null,
        "data.t.p = x", "[{\"x\": 2.5}]", false, null, null, false));
  }

  @Test
  void inputTermIsEvaluated() {
    assertPasses(c(List.of(), ObjectValue.EMPTY, null, "{3, 1, 2}", "x := input",
        "[{\"x\": [1, 2, 3]}]", false, null, null, false));
  }

  @Test
  void sortBindingsAndUndefined() {
    assertPasses(c(List.of("package t\n\nq := [3, 1, 2]\n"), ObjectValue.EMPTY, null, null,
        "x := data.t.q", "[{\"x\": [1, 2, 3]}]", true, null, null, false));
    // A false term fails a query of several expressions (a lone `false` would report false).
    assertPasses(c(List.of(), ObjectValue.EMPTY, null, null, "x := 1; false", "[]", false, null, null,
        false));
  }

  @Test
  void errorsWithFileNamesOfTheRunner() {
    assertPasses(c(List.of("package t\n\np := 1\n\np := 2 if true\n"), ObjectValue.EMPTY, null,
        null, "data.t.p = x", null, false, "eval_conflict_error", "test-0.rego:", false));
  }

  @Test
  void strictErrorsAreErrors() {
    ConformanceCase strict = c(List.of(), ObjectValue.EMPTY, null, null,
        "x := to_number(\"abc\")", null, false, "eval_builtin_error", null, true);
    assertPasses(strict);
  }
}
