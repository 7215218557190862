package dev.mandate.rego.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.Policy;
import dev.mandate.rego.Rego;
import dev.mandate.rego.value.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageReportTest {
  private static final String POLICY = """
      package t

      default allow := false

      allow if {
        input.user == "alice"
        input.action == "read"
      }

      deny_reason := "no user" if {
        not input.user
      }
      """;

  @Test
  void linesReachedAreCoveredOthersAreNot() {
    Policy p = Rego.builder().module("t.rego", POLICY).compile();
    CoverageTracker tracker = new CoverageTracker();
    p.prepare("data.t.allow").eval(EvalOptions.withInput(Json.parse("{\"user\": \"bob\"}")).coverage(tracker));
    CoverageReport r = CoverageReport.of(p.modules(), tracker);
    CoverageReport.FileCoverage fc = r.files().get("t.rego");
    // Default rule (3), the allow head (5) is not reached since its body fails, line 6 was
    // evaluated, line 7 never was; deny_reason was not evaluated at all.
    assertEquals(List.of(3, 6), fc.covered());
    assertEquals(List.of(5, 7, 10, 11), fc.notCovered());
    assertEquals(2, r.coveredLines());

    p.prepare("data.t.allow").eval(EvalOptions.withInput(Json.parse("{\"user\": \"alice\", \"action\": \"read\"}"))
        .coverage(tracker));
    fc = CoverageReport.of(p.modules(), tracker).files().get("t.rego");
    assertEquals(List.of(3, 5, 6, 7), fc.covered());
    String json = Json.write(CoverageReport.of(p.modules(), tracker).toJson());
    assertEquals(true, json.contains("\"covered\":[{\"end\":{\"row\":3},\"start\":{\"row\":3}},"
        + "{\"end\":{\"row\":7},\"start\":{\"row\":5}}]"), json);
  }
}
