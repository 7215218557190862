package dev.mandate.rego.eval;

import static dev.mandate.rego.eval.EngineTestSupport.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.Policy;
import dev.mandate.rego.RegoError;
import dev.mandate.rego.RegoException;
import dev.mandate.rego.value.Json;
import org.junit.jupiter.api.Test;

/** Compile and evaluation errors carry OPA's codes and exact positions. */
class ErrorReportingTest {

  private static RegoError compileError(String source) {
    RegoException e = assertThrows(RegoException.class, () -> policy(source));
    return e.errors().get(0);
  }

  @Test
  void unsafeVariable() {
    RegoError e = compileError("""
        package t
        p if {
          x > 1
        }
        """);
    assertEquals(RegoError.UNSAFE_VAR, e.code());
    assertEquals("var x is unsafe", e.message());
    assertEquals("test-0.rego:3:3", e.location().toString());
  }

  @Test
  void unsafeVariableInHead() {
    RegoError e = compileError("""
        package t
        p := y if {
          true
        }
        """);
    assertEquals(RegoError.UNSAFE_VAR, e.code());
    assertEquals("var y is unsafe", e.message());
  }

  @Test
  void recursion() {
    RegoError e = compileError("""
        package t
        p if q
        q if p
        """);
    assertEquals(RegoError.RECURSION, e.code());
    assertEquals("rule data.t.p is recursive: data.t.p -> data.t.q -> data.t.p", e.message());
    assertEquals("test-0.rego:2:1", e.location().toString());
  }

  @Test
  void unknownAndRemovedBuiltins() {
    RegoError e = compileError("""
        package t
        p if re_match("a", "a")
        """);
    assertEquals(RegoError.TYPE, e.code());
    assertEquals("undefined function re_match", e.message());
    assertEquals("test-0.rego:2:6", e.location().toString());

    RegoError send = compileError("""
        package t
        p := http.send({"method": "get", "url": "https://example.com"})
        """);
    assertEquals("undefined function http.send", send.message());
  }

  @Test
  void arityMismatch() {
    RegoError e = compileError("""
        package t
        p := count([1], [2], [3])
        """);
    assertEquals(RegoError.TYPE, e.code());
    assertTrue(e.message().startsWith("count: arity mismatch"), e.message());
  }

  @Test
  void conflictingRuleKinds() {
    RegoError e = compileError("""
        package t
        p := 1
        p contains 2
        """);
    assertEquals(RegoError.TYPE, e.code());
    assertEquals("conflicting rules data.t.p found", e.message());
  }

  @Test
  void parseErrorsCarryFileLineColumn() {
    RegoException e = assertThrows(RegoException.class, () -> policy("package t\np if {\n  x := \n}\n"));
    assertEquals(RegoError.PARSE, e.code());
    assertTrue(e.getMessage().startsWith("test-0.rego:4:1: rego_parse_error:"), e.getMessage());
  }

  @Test
  void builtinErrorsAreUndefinedByDefaultAndErrorsWhenStrict() {
    Policy p = policy("""
        package t
        p := x if x := 1 / input.d
        """);
    EvalOptions zero = EvalOptions.withInput(Json.parse("{\"d\": 0}"));
    assertTrue(p.prepare("x := data.t.p").eval(zero).isEmpty());
    EvalException e = assertThrows(EvalException.class, () -> p.prepare("x := data.t.p").eval(zero.strict(true)));
    assertEquals(EvalException.BUILTIN, e.code());
    assertEquals("test-0.rego:2: eval_builtin_error: div: divide by zero", e.getMessage());
  }

  @Test
  void typeErrorsInStrictMode() {
    Policy p = policy("""
        package t
        p := count(input.n)
        """);
    EvalException e = assertThrows(EvalException.class, () -> p.prepare("x := data.t.p")
        .eval(EvalOptions.withInput(Json.parse("{\"n\": 5}")).strict(true)));
    assertEquals(EvalException.TYPE, e.code());
    assertEquals("test-0.rego:2: eval_type_error: count: operand 1 must be one of {array, object, set, string}"
        + " but got number", e.getMessage());
  }

  @Test
  void objectKeyConflict() {
    Policy p = policy("""
        package t
        p[k] := v if {
          some k, v in {"a": 1, "b": 2}
        }
        p["a"] := 3
        """);
    EvalException e = assertThrows(EvalException.class, () -> p.prepare("x := data.t.p").eval(EvalOptions.defaults()));
    assertEquals(EvalException.CONFLICT, e.code());
    assertTrue(e.getMessage().contains("object keys must be unique"), e.getMessage());
  }
}
