package dev.mandate.rego.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mandate.rego.ast.Location;
import dev.mandate.rego.tester.TestResult;
import dev.mandate.rego.tester.TestResult.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestReportPrinterTest {
  private static TestResult result(String name, String file, Status status, String message,
      List<String> output) {
    return new TestResult(name, new Location(file, 3, 1), status, Duration.ofNanos(1_234_567),
        message, output);
  }

  private static final List<TestResult> MIXED = List.of(
      result("data.a.test_ok", "a_test.rego", Status.PASS, null, List.of()),
      result("data.a.test_no", "a_test.rego", Status.FAIL, "undefined", List.of("printed")),
      result("data.b.test_err", "b_test.rego", Status.ERROR,
          "b_test.rego:7: eval_type_error: plus: operand 1 must be number but got string",
          List.of()),
      result("data.b.todo_test_later", "b_test.rego", Status.SKIPPED, null, List.of()));

  private static String print(List<TestResult> results, boolean verbose) {
    StringWriter sw = new StringWriter();
    TestReportPrinter.print(new PrintWriter(sw), results, verbose);
    return sw.toString();
  }

  @Test
  void quietModeShowsOnlyWhatDidNotPass() {
    assertEquals("""
        a_test.rego:
        data.a.test_no: FAIL (1.234567ms)

          printed

        b_test.rego:
        data.b.test_err: ERROR (1.234567ms)
          b_test.rego:7: eval_type_error: plus: operand 1 must be number but got string
        --------------------------------------------------------------------------------
        PASS: 1/4
        FAIL: 1/4
        ERROR: 1/4
        SKIPPED: 1/4
        1 passed, 2 failed
        """, print(MIXED, false));
  }

  @Test
  void verboseModeShowsEveryTest() {
    assertEquals("""
        a_test.rego:
        data.a.test_ok: PASS (1.234567ms)
        data.a.test_no: FAIL (1.234567ms)

          printed

        b_test.rego:
        data.b.test_err: ERROR (1.234567ms)
          b_test.rego:7: eval_type_error: plus: operand 1 must be number but got string
        data.b.todo_test_later: SKIPPED
        --------------------------------------------------------------------------------
        PASS: 1/4
        FAIL: 1/4
        ERROR: 1/4
        SKIPPED: 1/4
        1 passed, 2 failed
        """, print(MIXED, true));
  }

  @Test
  void allPassingQuietlyIsJustTheSummary() {
    assertEquals("PASS: 1/1\n1 passed, 0 failed\n",
        print(List.of(MIXED.get(0)), false));
  }

  @Test
  void noTests() {
    assertEquals("no tests found\n0 passed, 0 failed\n", print(List.of(), false));
  }
}
