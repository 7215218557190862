package dev.mandate.rego.builtins;

import static dev.mandate.rego.builtins.CoreBuiltinHarness.arr;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.n;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.s;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.set;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mandate.rego.value.SetValue;
import org.junit.jupiter.api.Test;

class SetBuiltinsTest {
  private final CoreBuiltinHarness h = new CoreBuiltinHarness(SetBuiltins::register);

  @Test
  void intersection() {
    assertEquals(SetValue.EMPTY, h.call("intersection", SetValue.EMPTY));
    assertEquals(SetValue.EMPTY, h.call("intersection", set(SetValue.EMPTY, set(n(1), n(2)))));
    assertEquals(set(n(1), n(2)), h.call("intersection", set(set(n(1), n(2)))));
    assertEquals(set(s("d")), h.call("intersection",
        set(set(s("a"), s("b"), s("c"), s("d")), set(s("b"), s("c"), s("d")), set(s("c"), s("d")), set(s("d")))));
    assertEquals(SetValue.EMPTY, h.call("intersection",
        set(set(n(1), n(2), n(3)), set(n(2), n(3), n(4)), set(n(4), n(5), n(6)))));
  }

  @Test
  void union() {
    assertEquals(SetValue.EMPTY, h.call("union", SetValue.EMPTY));
    assertEquals(set(n(1), n(2)), h.call("union", set(SetValue.EMPTY, set(n(1), n(2)))));
    assertEquals(set(n(1), n(2), n(3), n(4), n(5), n(6)), h.call("union",
        set(set(n(1), n(2), n(3)), set(n(2), n(3), n(4)), set(n(4), n(5), n(6)))));
  }

  @Test
  void operandsMustBeSetsOfSets() {
    h.assertTypeError("operand 1 must be set but got array", "union", arr());
    h.assertTypeError("operand 1 must be set but got number", "union", set(set(n(1)), n(2)));
    h.assertTypeError("operand 1 must be set but got string", "intersection", set(set(n(1)), s("x")));
    h.assertTypeError("operand 1 must be set but got object", "intersection",
        dev.mandate.rego.value.ObjectValue.EMPTY);
  }
}
