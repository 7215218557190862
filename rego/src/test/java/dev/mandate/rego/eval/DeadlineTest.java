package dev.mandate.rego.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.Policy;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Costly built-in work inside a loop cannot carry an evaluation past its deadline. */
class DeadlineTest {

  @Test
  void pathologicalRegexLoopStopsAtTheDeadline() {
    Policy p = EngineTestSupport.policy("""
        package t
        p if {
          some i in numbers.range(1, 1000000)
          regex.match("(a*)*b", concat("", [input.s, format_int(i, 10)]))
        }
        """);
    ObjectValue input = ObjectValue.builder().put("s", StringValue.of("a".repeat(200_000))).build();
    long start = System.nanoTime();
    EvalException e = assertThrows(EvalException.class, () -> p.prepare("x := data.t.p")
        .eval(EvalOptions.withInput(input).timeout(Duration.ofMillis(100))));
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(EvalException.CANCEL, e.code());
    // RE2 matches in linear time, so one match is short; the deadline is checked between them.
    assertTrue(elapsedMillis < 3_000, "took " + elapsedMillis + " ms");
  }
}
