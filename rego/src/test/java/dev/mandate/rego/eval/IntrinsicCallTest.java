package dev.mandate.rego.eval;

import static dev.mandate.rego.eval.EngineTestSupport.json;
import static dev.mandate.rego.eval.EngineTestSupport.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.Policy;
import dev.mandate.rego.QueryResult;
import dev.mandate.rego.builtins.Intrinsics;
import dev.mandate.rego.builtins.StandardLibrary;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Calls of {@link Intrinsics} built-ins with direct operands skip the operand array and the
 * {@code Builtin.Function}: operands are passed in order, an undefined operand makes the call
 * undefined, and a built-in error is undefined by default and an error in strict mode, reported
 * for the first failing operand, exactly as for other built-ins.
 */
class IntrinsicCallTest {
  private static final String MODULE = """
      package t
      lt := lt(input.a, input.b)
      lte := lte(input.a, input.b)
      gt := gt(input.a, input.b)
      gte := gte(input.a, input.b)
      eq := equal(input.a, input.b)
      ne := neq(input.a, input.b)
      member := internal.member_2(input.a, input.b)
      str := is_string(input.a)
      obj := is_object(input.a)
      num := is_number(input.a)
      n := count(input.a)
      get := object.get(input.a, input.b, "fallback")
      """;

  private final Policy policy = policy(MODULE);

  private Value rule(String name, String inputJson) {
    return rule(name, inputJson, false);
  }

  private Value rule(String name, String inputJson, boolean strict) {
    EvalOptions o = EvalOptions.withInput(Json.parse(inputJson)).strict(strict);
    List<QueryResult> rs = policy.prepare("x := data.t." + name).eval(o);
    return rs.isEmpty() ? null : rs.get(0).bindings().get("x");
  }

  @Test
  void operandsArePassedInOrder() {
    assertEquals(json("true"), rule("lt", "{\"a\": 1, \"b\": 2}"));
    assertEquals(json("false"), rule("lt", "{\"a\": 2, \"b\": 1}"));
    assertEquals(json("false"), rule("gt", "{\"a\": 1, \"b\": 2}"));
    assertEquals(json("true"), rule("lte", "{\"a\": 2, \"b\": 2}"));
    assertEquals(json("true"), rule("gte", "{\"a\": 3, \"b\": 2}"));
    // OPA's order across types: numbers before strings.
    assertEquals(json("true"), rule("lt", "{\"a\": 9, \"b\": \"1\"}"));
    assertEquals(json("true"), rule("member", "{\"a\": 3, \"b\": {\"k\": 3}}"));
    assertEquals(json("false"), rule("member", "{\"a\": \"k\", \"b\": {\"k\": 3}}"));
    assertEquals(json("\"v\""), rule("get", "{\"a\": {\"k\": \"v\"}, \"b\": \"k\"}"));
    assertEquals(json("2"), rule("get", "{\"a\": {\"k\": [1, 2]}, \"b\": [\"k\", 1]}"));
    assertEquals(json("\"fallback\""), rule("get", "{\"a\": {}, \"b\": [\"k\", 1]}"));
  }

  @Test
  void equalityIsByValue() {
    assertEquals(json("true"), rule("eq", "{\"a\": 1, \"b\": 1.0}"));
    assertEquals(json("true"), rule("eq", "{\"a\": {\"x\": [1]}, \"b\": {\"x\": [1]}}"));
    assertEquals(json("true"), rule("ne", "{\"a\": \"1\", \"b\": 1}"));
  }

  @Test
  void typeTestsAnswerFalseForOtherTypesAndUndefinedForUndefined() {
    assertEquals(json("true"), rule("str", "{\"a\": \"s\"}"));
    assertEquals(json("false"), rule("str", "{\"a\": 1}"));
    assertEquals(json("true"), rule("obj", "{\"a\": {}}"));
    assertEquals(json("false"), rule("num", "{\"a\": null}"));
    assertNull(rule("str", "{}"));
    assertNull(rule("lt", "{\"a\": 1}"));
    assertNull(rule("lt", "{\"b\": 1}"));
    assertNull(rule("get", "{\"a\": {}}"));
  }

  @Test
  void errorsAreUndefinedByDefaultAndErrorsWhenStrict() {
    assertEquals(json("3"), rule("n", "{\"a\": \"abc\"}"));
    assertNull(rule("n", "{\"a\": 5}"));
    EvalException count = assertThrows(EvalException.class, () -> rule("n", "{\"a\": 5}", true));
    assertEquals(EvalException.TYPE, count.code());
    assertEquals("test-0.rego:12: eval_type_error: count: operand 1 must be one of"
        + " {array, object, set, string} but got number", count.getMessage());
    assertNull(rule("get", "{\"a\": \"s\", \"b\": \"k\"}"));
    EvalException get = assertThrows(EvalException.class,
        () -> rule("get", "{\"a\": \"s\", \"b\": \"k\"}", true));
    assertEquals("test-0.rego:13: eval_type_error: object.get: operand 1 must be object but got"
        + " string", get.getMessage());
  }

  @Test
  void theFirstFailingOperandIsReported() {
    Policy p = policy("""
        package t
        p := lt(count(input.n), object.get(input.n, "k", 0))
        """);
    EvalException e = assertThrows(EvalException.class, () -> p.prepare("x := data.t.p")
        .eval(EvalOptions.withInput(Json.parse("{\"n\": 5}")).strict(true)));
    assertEquals("test-0.rego:2: eval_type_error: count: operand 1 must be one of"
        + " {array, object, set, string} but got number", e.getMessage());
  }

  @Test
  void onlyTheStandardBuiltinsOfThoseNamesAreIntrinsics() {
    var registry = StandardLibrary.registry();
    for (String name : List.of("equal", "neq", "lt", "lte", "gt", "gte", "internal.member_2",
        "is_number", "is_string", "is_boolean", "is_array", "is_set", "is_object", "is_null",
        "count", "object.get")) {
      assertNotEquals(Intrinsics.NONE, registry.lookup(name).intrinsic(), name);
    }
    assertEquals(Intrinsics.NONE, registry.lookup("sum").intrinsic());
    assertEquals(Intrinsics.NONE, registry.lookup("walk").intrinsic());
    assertEquals(Intrinsics.NONE, registry.lookup("print").intrinsic());
  }
}
