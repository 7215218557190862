package dev.mandate.rego.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultRowsTest {

  private static boolean same(List<Map<String, Value>> want, List<Map<String, Value>> got,
      boolean sort) {
    return ResultRows.matches(ResultRows.expected(want, sort), ResultRows.actual(got, sort));
  }

  @Test
  void numbersCompareByValue() {
    assertTrue(same(List.of(Map.of("x", NumberValue.of(1))),
        List.of(Map.of("x", NumberValue.of(new BigDecimal("1.0")))), false));
    assertFalse(same(List.of(Map.of("x", NumberValue.of(1))),
        List.of(Map.of("x", NumberValue.parse("1.5"))), false));
  }

  @Test
  void setResultsEqualTheSortedArrayTheCaseLists() {
    Value set = SetValue.of(StringValue.of("b"), StringValue.of("a"));
    assertTrue(same(List.of(Map.of("x", Json.parse("[\"a\", \"b\"]"))),
        List.of(Map.of("x", set)), false));
    assertFalse(same(List.of(Map.of("x", Json.parse("[\"b\", \"a\"]"))),
        List.of(Map.of("x", set)), false));
  }

  @Test
  void nonStringKeysCompareAsTheirJsonText() {
    Value obj = ObjectValue.builder().put(NumberValue.of(1), StringValue.of("a")).build();
    assertTrue(same(List.of(Map.of("x", Json.parse("{\"1\": \"a\"}"))),
        List.of(Map.of("x", obj)), false));
  }

  @Test
  void rowOrderDoesNotMatter() {
    List<Map<String, Value>> want = List.of(Map.of("x", NumberValue.of(1)),
        Map.of("x", NumberValue.of(2)));
    List<Map<String, Value>> got = List.of(Map.of("x", NumberValue.of(2)),
        Map.of("x", NumberValue.of(1)));
    assertTrue(same(want, got, false));
    assertFalse(same(want, List.of(Map.of("x", NumberValue.of(1))), false));
  }

  @Test
  void sortBindingsSortsArraysOnBothSides() {
    Value unsorted = Json.parse("[3, 1, 2]");
    Value sorted = Json.parse("[1, 2, 3]");
    assertFalse(same(List.of(Map.of("x", sorted)), List.of(Map.of("x", unsorted)), false));
    assertTrue(same(List.of(Map.of("x", sorted)), List.of(Map.of("x", unsorted)), true));
    assertTrue(same(List.of(Map.of("x", unsorted)), List.of(Map.of("x", sorted)), true));
  }

  @Test
  void generatedAndWildcardVariablesAreNotReported() {
    assertTrue(same(List.of(Map.of("x", NumberValue.of(1))),
        List.of(Map.of("x", NumberValue.of(1), "_", NumberValue.of(9),
            "$0", NumberValue.of(8), "__local0__", NumberValue.of(7))), false));
  }

  @Test
  void undefinedIsNoRows() {
    assertTrue(same(List.of(), List.of(), false));
    assertFalse(same(List.of(), List.of(Map.of()), false));
    assertTrue(same(List.of(Map.of()), List.of(Map.of()), false));
  }

  @Test
  void describeListsRowsSorted() {
    SetValue rows = ResultRows.expected(List.of(Map.of("x", NumberValue.of(2)),
        Map.of("x", ArrayValue.of(NumberValue.of(1)))), false);
    assertEquals("{\"x\": 2}\n{\"x\": [1]}", ResultRows.describe(rows));
    assertEquals("(undefined)", ResultRows.describe(SetValue.EMPTY));
  }
}
