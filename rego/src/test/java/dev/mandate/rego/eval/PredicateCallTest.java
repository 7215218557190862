package dev.mandate.rego.eval;

import static dev.mandate.rego.eval.EngineTestSupport.json;
import static dev.mandate.rego.eval.EngineTestSupport.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.Policy;
import dev.mandate.rego.QueryResult;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Functions of one rule with a constant value (predicates such as {@code present(obj, key)})
 * called with direct arguments bind each argument straight into the function's frame. The
 * call must still behave as any function call: every argument evaluated in order before a
 * constant or repeated parameter rejects the call, an undefined argument makes the call
 * undefined, and a built-in error in an argument is undefined by default and an error when
 * built-in errors are strict.
 */
class PredicateCallTest {
  private static final String MODULE = """
      package t
      is_one(1, x) if x != null
      same(x, x) if true
      present(obj, key) if {
        is_object(obj)
        object.get(obj, key, null) != null
      }
      one := is_one(input.a, input.b)
      same_ab := same(input.a, input.b)
      has_b := present(input, "b")
      one_then_error := is_one(input.a, to_number(input.b))
      """;

  private final Policy policy = policy(MODULE);

  private Value rule(String name, String inputJson, boolean strict) {
    EvalOptions o = EvalOptions.withInput(Json.parse(inputJson)).strict(strict);
    List<QueryResult> rs = policy.prepare("x := data.t." + name).eval(o);
    return rs.isEmpty() ? null : rs.get(0).bindings().get("x");
  }

  private Value rule(String name, String inputJson) {
    return rule(name, inputJson, false);
  }

  @Test
  void constantParametersMustMatchAndVariablesBind() {
    assertEquals(json("true"), rule("one", "{\"a\": 1, \"b\": 2}"));
    assertNull(rule("one", "{\"a\": 2, \"b\": 2}"), "the constant parameter rejects 2");
    assertNull(rule("one", "{\"a\": 1, \"b\": null}"), "the body fails");
    assertEquals(json("true"), rule("has_b", "{\"b\": 0}"));
    assertNull(rule("has_b", "{\"c\": 0}"));
  }

  @Test
  void aVariableGivenTwiceNeedsEqualArguments() {
    assertEquals(json("true"), rule("same_ab", "{\"a\": [1, {\"k\": 2}], \"b\": [1, {\"k\": 2}]}"));
    assertNull(rule("same_ab", "{\"a\": 1, \"b\": 2}"));
  }

  @Test
  void anUndefinedArgumentMakesTheCallUndefined() {
    assertNull(rule("one", "{\"b\": 2}"));
    assertNull(rule("one", "{\"a\": 1}"));
  }

  @Test
  void aLaterArgumentIsEvaluatedEvenWhenAnEarlierOneIsRejected() {
    // is_one(2, ...) cannot match, yet to_number("x") is still evaluated, as for any call
    // whose arguments are all evaluated before its parameters are bound.
    assertNull(rule("one_then_error", "{\"a\": 2, \"b\": \"x\"}"));
    EvalException e = assertThrows(EvalException.class,
        () -> rule("one_then_error", "{\"a\": 2, \"b\": \"x\"}", true));
    assertTrue(e.getMessage().contains("to_number"), e.getMessage());
    assertEquals(json("true"), rule("one_then_error", "{\"a\": 1, \"b\": \"7\"}", true));
  }
}
