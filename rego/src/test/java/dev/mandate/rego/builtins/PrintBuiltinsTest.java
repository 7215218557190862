package dev.mandate.rego.builtins;

import static dev.mandate.rego.builtins.BuiltinTestSupport.j;
import static dev.mandate.rego.builtins.BuiltinTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrintBuiltinsTest {
  private final BuiltinTestSupport t = new BuiltinTestSupport(PrintBuiltins::register);

  @Test
  void printIsVariadicAndFormatsOperandsAsOpa() {
    assertTrue(t.lookup("print").variadic());
    Value r = t.call("print", s("x ="), NumberValue.of(1), s("quoted \"raw\""), j("{\"a\": [1, \"b\"]}"),
        SetValue.EMPTY, SetValue.of(NumberValue.of(2), NumberValue.of(1)), null, j("null"));
    assertEquals(BooleanValue.TRUE, r);
    assertEquals(List.of("x = 1 quoted \"raw\" {\"a\": [1, \"b\"]} set() {1, 2} <undefined> null"), t.ctx.printed);
  }

  @Test
  void printWithoutOperandsPrintsAnEmptyLine() {
    t.call("print");
    assertEquals(List.of(""), t.ctx.printed);
  }

  @Test
  void traceNeedsAStringAndSucceeds() {
    assertEquals(BooleanValue.TRUE, t.call("trace", s("note")));
    t.typeError("trace", NumberValue.of(1));
  }

  @Test
  void runtimeRevealsNoEnvironment() {
    // As an embedded OPA without runtime information: nothing about the host leaks.
    assertEquals(ObjectValue.EMPTY, t.call("opa.runtime"));
  }
}
