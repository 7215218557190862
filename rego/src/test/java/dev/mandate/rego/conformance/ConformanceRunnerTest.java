package dev.mandate.rego.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.RegoError;
import dev.mandate.rego.RegoException;
import dev.mandate.rego.ast.Location;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runner's safety nets, with stand-in evaluators instead of the engine. */
class ConformanceRunnerTest {
  private static ConformanceCase wantX1(String note) {
    return new ConformanceCase(note, "f.yaml", List.of(), ObjectValue.EMPTY, null, null, "x = 1",
        List.of(Map.of("x", NumberValue.of(1))), false, null, null, false);
  }

  private static final CaseEvaluator X1 = (c, t) -> List.of(Map.<String, Value>of("x",
      NumberValue.of(1)));

  @Test
  void passesAndFailsAreJudged() {
    ConformanceRunner runner = new ConformanceRunner(Duration.ofSeconds(1), 2, X1);
    ConformanceCase wrong = new ConformanceCase("w", "f.yaml", List.of(), ObjectValue.EMPTY, null,
        null, "x = 2", List.of(Map.of("x", NumberValue.of(2))), false, null, null, false);
    List<CaseOutcome> out = runner.run(List.of(wantX1("a"), wrong, wantX1("b")));
    assertEquals(List.of("a", "w", "b"), out.stream().map(CaseOutcome::note).toList());
    assertEquals(List.of(true, false, true), out.stream().map(CaseOutcome::passed).toList());
    assertTrue(out.get(1).actual().startsWith("wrong result: {\"x\": 1}"), out.get(1).actual());
  }

  @Test
  void aHangingCaseIsAbandonedAndTheRunGoesOn() {
    CaseEvaluator hangsOnce = (c, t) -> {
      if (c.note().equals("hang")) {
        while (true) {
          Thread.onSpinWait(); // ignores interrupts and deadlines on purpose
        }
      }
      return X1.evaluate(c, t);
    };
    ConformanceRunner runner = new ConformanceRunner(Duration.ofMillis(100), 1, hangsOnce);
    long start = System.nanoTime();
    List<CaseOutcome> out = runner.run(List.of(wantX1("hang"), wantX1("after")));
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
    assertFalse(out.get(0).passed());
    assertTrue(out.get(0).actual().contains("abandoned"), out.get(0).actual());
    assertTrue(out.get(1).passed());
  }

  @Test
  void stackOverflowAndOtherThrowablesBecomeOutcomes() {
    CaseEvaluator recurse = new CaseEvaluator() {
      @Override
      public List<Map<String, Value>> evaluate(ConformanceCase c, Duration t) {
        return switch (c.note()) {
          case "deep" -> evaluate(c, t);
          case "oom" -> throw new OutOfMemoryError("simulated");
          default -> throw new UnsupportedOperationException("not yet");
        };
      }
    };
    ConformanceRunner runner = new ConformanceRunner(Duration.ofSeconds(5), 2, recurse);
    List<CaseOutcome> out = runner.run(List.of(wantX1("deep"), wantX1("oom"), wantX1("other")));
    assertEquals("crashed: crash: stack overflow", out.get(0).actual());
    assertTrue(out.get(1).actual().contains("OutOfMemoryError: simulated"), out.get(1).actual());
    assertTrue(out.get(2).actual().contains("UnsupportedOperationException: not yet"));
    assertTrue(out.stream().noneMatch(CaseOutcome::passed));
  }

  @Test
  void engineErrorsAreMatchedAgainstTheExpectation() {
    CaseEvaluator fails = (c, t) -> {
      if (c.note().startsWith("eval")) {
        throw new EvalException(EvalException.CONFLICT, "complete rules must not produce "
            + "multiple outputs", new Location("test-0.rego", 3, 1));
      }
      throw new RegoException(new RegoError(RegoError.PARSE, "unexpected eof token",
          new Location("test-0.rego", 1, 8)));
    };
    ConformanceRunner runner = new ConformanceRunner(Duration.ofSeconds(1), 1, fails);
    List<ConformanceCase> cases = new ArrayList<>();
    cases.add(ExpectationTest.errorCase("eval_conflict_error", "test-0.rego:3: "
        + "eval_conflict_error: complete rules"));
    cases.add(ExpectationTest.errorCase("rego_parse_error", "unexpected eof"));
    cases.set(0, rename(cases.get(0), "eval-conflict"));
    cases.set(1, rename(cases.get(1), "parse"));
    cases.add(rename(ExpectationTest.errorCase("eval_type_error", null), "eval-wrong-code"));
    List<CaseOutcome> out = runner.run(cases);
    assertEquals(List.of(true, true, false), out.stream().map(CaseOutcome::passed).toList());
  }

  @Test
  void reportCountsAndSortsPassingNotes() {
    ConformanceRunner runner = new ConformanceRunner(Duration.ofSeconds(1), 2, X1);
    ConformanceSuite suite = new ConformanceSuite(List.of(wantX1("b"), wantX1("a")),
        List.of(new ConformanceSuite.Skipped("s", "s.yaml", "broken")));
    ConformanceReport report = ConformanceReport.run(suite, runner);
    assertEquals(List.of("a", "b"), report.passingNotes());
    assertEquals("2 passed, 0 failed, 1 skipped", report.summaryLine());
  }

  private static ConformanceCase rename(ConformanceCase c, String note) {
    return c.withNote(note);
  }
}
