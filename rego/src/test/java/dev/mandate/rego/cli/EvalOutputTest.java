package dev.mandate.rego.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mandate.rego.QueryResult;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code opa eval --format json} layout, from result sets built by hand. */
class EvalOutputTest {

  @Test
  void undefinedPrintsAnEmptyObject() {
    assertEquals("{}\n", EvalOutput.format("data.x.allow", List.of("data.x.allow"), List.of()));
  }

  @Test
  void singleExpressionWithoutBindings() {
    String out = EvalOutput.format("data.rbac.allow", List.of("data.rbac.allow"),
        List.of(new QueryResult(List.of(BooleanValue.TRUE), Map.of())));
    assertEquals("""
        {
          "result": [
            {
              "expressions": [
                {
                  "value": true,
                  "text": "data.rbac.allow",
                  "location": {
                    "row": 1,
                    "col": 1
                  }
                }
              ]
            }
          ]
        }
        """, out);
  }

  @Test
  void bindingsFollowExpressionsWithSortedKeys() {
    String query = "x := 1; y = {\"b\": [], \"a\": {}}";
    String out = EvalOutput.format(query, List.of("x := 1", "y = {\"b\": [], \"a\": {}}"),
        List.of(new QueryResult(List.of(BooleanValue.TRUE, BooleanValue.TRUE),
            Map.of("y", Json.parse("{\"b\": [], \"a\": {}}"), "x", NumberValue.of(1)))));
    assertEquals("""
        {
          "result": [
            {
              "expressions": [
                {
                  "value": true,
                  "text": "x := 1",
                  "location": {
                    "row": 1,
                    "col": 1
                  }
                },
                {
                  "value": true,
                  "text": "y = {\\"b\\": [], \\"a\\": {}}",
                  "location": {
                    "row": 1,
                    "col": 9
                  }
                }
              ],
              "bindings": {
                "x": 1,
                "y": {
                  "a": {},
                  "b": []
                }
              }
            }
          ]
        }
        """, out);
  }

  @Test
  void expressionsOnLaterLinesGetTheirRow() {
    String query = "a := 1\n  b := 2";
    var env = EvalOutput.envelope(query, List.of("a := 1", "b := 2"),
        List.of(new QueryResult(List.of(BooleanValue.TRUE, BooleanValue.TRUE), Map.of())));
    String compact = GoJson.compact(env);
    assertEquals(true, compact.contains("\"location\":{\"row\":2,\"col\":3}"), compact);
  }

  @Test
  void setsPrintAsSortedArraysAndObjectKeysSorted() {
    var value = ObjectValue.builder()
        .put("z", SetValue.of(NumberValue.of(3), NumberValue.of(1)))
        .put("a", StringValue.of("x"))
        .build();
    assertEquals("{\"a\":\"x\",\"z\":[1,3]}", GoJson.compact(value));
  }

  @Test
  void stringsAreEscapedAsGoDoes() {
    assertEquals("\"\\u003ca\\u003e \\u0026 \\\"q\\\" \\\\ \\n\\t\\u0001 \\u2028 é 😀\"",
        GoJson.compact("<a> & \"q\" \\ \n\t\u0001 \u2028 é 😀"));
    assertEquals("\"\\ufffd\"", GoJson.compact("\ud800"));
  }

  @Test
  void numbersPrintExactly() {
    assertEquals("[1,0.1,-2.5]", GoJson.compact(List.of(NumberValue.of(1),
        NumberValue.parse("0.1"), NumberValue.parse("-2.50"))));
  }
}
