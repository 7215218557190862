package dev.mandate.rego.tester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import dev.mandate.rego.Policy;
import dev.mandate.rego.Rego;
import dev.mandate.rego.tester.TestResult.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The test runner on the real engine. */
class TestRunnerEngineTest {
  private static final String TESTS = """
      package demo

      allow if input.user == "alice"

      test_pass if allow with input as {"user": "alice"}

      test_false if allow with input as {"user": "bob"}

      test_undefined if input.missing

      test_not_true := 1

      test_conflict := x if {
        some x in [1, 2]
      }

      test_fn(x) := x

      todo_test_later if false
      """;

  private static final Policy POLICY = Rego.builder().module("demo_test.rego", TESTS).compile();

  private static Map<String, TestResult> byName(List<TestResult> results) {
    return results.stream().collect(Collectors.toMap(TestResult::name, Function.identity()));
  }

  @Test
  void verdicts() {
    Map<String, TestResult> r = byName(TestRunner.run(POLICY, TestRunner.Options.defaults()));
    assertEquals(Status.PASS, r.get("data.demo.test_pass").status());
    assertEquals(Status.FAIL, r.get("data.demo.test_false").status());
    assertEquals(Status.FAIL, r.get("data.demo.test_undefined").status());
    assertEquals(Status.FAIL, r.get("data.demo.test_not_true").status());
    assertEquals(Status.ERROR, r.get("data.demo.test_conflict").status());
    assertTrue(r.get("data.demo.test_conflict").message().contains("eval_conflict_error"),
        r.get("data.demo.test_conflict").message());
    assertEquals(Status.SKIPPED, r.get("data.demo.todo_test_later").status());
    assertEquals("demo_test.rego", r.get("data.demo.test_pass").location().file());
  }

  @Test
  void functionsAreNotTestsAndOrderIsRuleOrder() {
    List<String> names = TestRunner.run(POLICY, TestRunner.Options.defaults()).stream()
        .map(TestResult::name).toList();
    assertEquals(List.of("data.demo.test_pass", "data.demo.test_false",
        "data.demo.test_undefined", "data.demo.test_not_true", "data.demo.test_conflict",
        "data.demo.todo_test_later"), names);
  }

  @Test
  void summaryCountsErrorsAsFailures() {
    TestSummary s = TestSummary.of(TestRunner.run(POLICY, TestRunner.Options.defaults()));
    assertEquals("1 passed, 4 failed", s.closingLine());
    assertEquals(1, s.skipped());
  }

  @Test
  void filterMatchesTheFullName() {
    List<TestResult> r = TestRunner.run(POLICY,
        new TestRunner.Options(Pattern.compile("demo\\.test_(p|f)"), Duration.ofSeconds(5)));
    assertEquals(List.of("data.demo.test_pass", "data.demo.test_false"),
        r.stream().map(TestResult::name).toList());
  }

  @Test
  void printOutputIsCapturedPerTest() {
    Policy p = Rego.builder().module("p.rego", """
        package p

        test_prints if {
          print("hello", 1)
        }
        """).compile();
    List<TestResult> r = TestRunner.run(p, TestRunner.Options.defaults());
    assertEquals(Status.PASS, r.get(0).status());
    assertEquals(List.of("hello 1"), r.get(0).output());
  }

  @Test
  void aTestDefinedByManyBodiesRunsOnce() {
    Policy p = Rego.builder().module("m.rego", """
        package m

        test_either if input.a

        test_either if true
        """).compile();
    List<TestResult> r = TestRunner.run(p, TestRunner.Options.defaults());
    assertEquals(1, r.size());
    assertEquals(Status.PASS, r.get(0).status());
  }
}
