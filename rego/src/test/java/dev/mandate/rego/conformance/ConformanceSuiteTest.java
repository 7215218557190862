package dev.mandate.rego.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConformanceSuiteTest {
  @TempDir Path dir;

  @Test
  void loadsEveryFieldOfACase() throws IOException {
    Files.createDirectories(dir.resolve("strings"));
    Files.writeString(dir.resolve("strings/test-a.yaml"), """
        cases:
          - note: strings/reverse
            modules:
              - |
                package test

                p := strings.reverse(input.s)
            data:
              k: 1.5
            input:
              s: abc
            query: data.test.p = x
            want_result:
              - x: cba
            sort_bindings: true
          - note: strings/error
            query: x := 1
            input_term: '{1, 2}'
            want_error_code: eval_type_error
            want_error: 'operand 1'
            strict_error: true
        """);
    ConformanceSuite suite = ConformanceSuite.load(dir);
    assertEquals(List.of(), suite.skipped());
    assertEquals(2, suite.cases().size());

    ConformanceCase a = suite.cases().get(0);
    assertEquals("strings/reverse", a.note());
    assertEquals("strings/test-a.yaml", a.file());
    assertEquals(List.of("package test\n\np := strings.reverse(input.s)\n"), a.modules());
    assertEquals(Json.parse("{\"k\": 1.5}"), a.data());
    assertEquals(Json.parse("{\"s\": \"abc\"}"), a.input());
    assertEquals("data.test.p = x", a.query());
    assertEquals(List.of(Map.of("x", Json.parse("\"cba\""))), a.wantResult());
    assertTrue(a.sortBindings());
    assertFalse(a.expectsError());

    ConformanceCase b = suite.cases().get(1);
    assertEquals(ObjectValue.EMPTY, b.data());
    assertNull(b.input());
    assertEquals("{1, 2}", b.inputTerm());
    assertNull(b.wantResult());
    assertEquals("eval_type_error", b.wantErrorCode());
    assertEquals("operand 1", b.wantError());
    assertTrue(b.strictError());
    assertTrue(b.expectsError());
  }

  @Test
  void emptyWantResultMeansUndefined() throws IOException {
    Files.writeString(dir.resolve("u.yaml"), """
        cases:
          - note: u
            query: 'false'
            want_result: []
        """);
    assertEquals(List.of(), ConformanceSuite.load(dir).cases().get(0).wantResult());
  }

  @Test
  void duplicateNotesAreNumbered() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), """
        cases:
          - {note: same, query: 'true', want_result: [{}]}
          - {note: same, query: 'true', want_result: [{}]}
        """);
    Files.writeString(dir.resolve("b.yaml"), """
        cases:
          - {note: same, query: 'true', want_result: [{}]}
        """);
    List<String> notes = ConformanceSuite.load(dir).cases().stream()
        .map(ConformanceCase::note).toList();
    assertEquals(List.of("same", "same #2", "same #3"), notes);
  }

  @Test
  void badFilesAndCasesAreSkippedWithAReason() throws IOException {
    Files.writeString(dir.resolve("broken.yaml"), "cases: [ {note: x");
    Files.writeString(dir.resolve("odd.yaml"), """
        cases:
          - {note: no-expectation, query: 'true'}
          - {note: unknown-field, query: 'true', want_result: [], wat: 1}
          - {note: fine, query: 'true', want_result: [{}]}
        """);
    ConformanceSuite suite = ConformanceSuite.load(dir);
    assertEquals(List.of("fine"), suite.cases().stream().map(ConformanceCase::note).toList());
    assertEquals(3, suite.skipped().size());
    assertTrue(suite.skipped().get(0).reason().startsWith("cannot parse file"),
        suite.skipped().get(0).reason());
    assertEquals("no-expectation", suite.skipped().get(1).note());
    assertTrue(suite.skipped().get(2).reason().contains("wat"));
  }

  @Test
  void exactNumbersInExpectations() throws IOException {
    Files.writeString(dir.resolve("n.yaml"), """
        cases:
          - {note: n, query: x = 0.1, want_result: [{x: 0.1}]}
        """);
    assertEquals(NumberValue.parse("0.1"),
        ConformanceSuite.load(dir).cases().get(0).wantResult().get(0).get("x"));
  }
}
