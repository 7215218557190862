package dev.mandate.rego.builtins;

import static dev.mandate.rego.builtins.CoreBuiltinHarness.arr;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.n;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.s;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.set;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.SetValue;
import org.junit.jupiter.api.Test;

class AggregateBuiltinsTest {
  private final CoreBuiltinHarness h = new CoreBuiltinHarness(AggregateBuiltins::register);

  @Test
  void countsCollectionsAndCodePoints() {
    assertEquals(n(4), h.call("count", v("[1, 2, 3, 4]")));
    assertEquals(n(2), h.call("count", v("{\"a\": 1, \"b\": 2}")));
    assertEquals(n(2), h.call("count", set(n(1), n("1.0"), n(2))));
    assertEquals(n(0), h.call("count", SetValue.EMPTY));
    assertEquals(n(0), h.call("count", s("")));
    assertEquals(n(3), h.call("count", s("åäö")));
    // One code point outside the BMP is two UTF-16 units but counts once.
    assertEquals(n(2), h.call("count", s("a\uD83D\uDE00")));
  }

  @Test
  void countRefusesScalars() {
    h.assertTypeError("operand 1 must be one of {array, object, set, string} but got number", "count", n(1));
    h.assertTypeError("operand 1 must be one of {array, object, set, string} but got null",
        "count", NullValue.INSTANCE);
  }

  @Test
  void sumAndProductAreExact() {
    assertEquals(n(10), h.call("sum", v("[1, 2, 3, 4]")));
    assertEquals(n(10), h.call("sum", set(n(1), n(2), n(3), n(4))));
    assertEquals(n(0), h.call("sum", ArrayValue.EMPTY));
    assertEquals(n(49649733058L), h.call("sum", arr(n(49649733057L), n(1))));
    assertEquals(n("0.6"), h.call("sum", arr(n("0.1"), n("0.2"), n("0.3"))));
    assertEquals(n("18446744073709551614"), h.call("sum", arr(n(Long.MAX_VALUE), n(Long.MAX_VALUE))));
    assertEquals(n(24), h.call("product", v("[1, 2, 3, 4]")));
    assertEquals(n(1), h.call("product", SetValue.EMPTY));
    assertEquals(n("1267650600228229401496703205376"),
        h.call("product", arr(n(1L << 50), n(1L << 50))));
    assertEquals(n("0.01"), h.call("product", arr(n("0.1"), n("0.1"))));
  }

  @Test
  void sumAndProductErrors() {
    h.assertTypeError("operand 1 must be array of numbers but got array containing string",
        "sum", arr(n(1), s("2")));
    h.assertTypeError("operand 1 must be set of numbers but got set containing boolean",
        "product", set(n(1), BooleanValue.TRUE));
    h.assertTypeError("operand 1 must be one of {set, array} but got object", "sum", v("{}"));
    h.assertTypeError("operand 1 must be one of {set, array} but got string", "product", s("12"));
  }

  @Test
  void maxAndMinUseTheTotalOrderAndAreUndefinedWhenEmpty() {
    assertEquals(n(4), h.call("max", set(n(1), n(2), n(3), n(4))));
    assertEquals(n(-7), h.call("min", v("[3, 2, 1, 4, 6, -7, 10]")));
    assertEquals(s("a"), h.call("max", arr(n(100), s("a"), NullValue.INSTANCE)));
    assertEquals(NullValue.INSTANCE, h.call("min", arr(n(100), s("a"), NullValue.INSTANCE)));
    assertEquals(set(), h.call("max", arr(v("{}"), set(), arr())));
    assertNull(h.call("max", ArrayValue.EMPTY));
    assertNull(h.call("min", SetValue.EMPTY));
    h.assertTypeError("operand 1 must be one of {set, array} but got object", "max", v("{\"a\": 1}"));
  }

  @Test
  void sortOrdersArraysAndSets() {
    assertEquals(v("[1, 2, 3, 4]"), h.call("sort", v("[4, 3, 2, 1]")));
    assertEquals(v("[1, 2, 3, 4]"), h.call("sort", set(n(1), n(2), n(3), n(4))));
    assertEquals(arr(NullValue.INSTANCE, BooleanValue.FALSE, n("-1.5"), n(2), s("a"), arr(n(1)), v("{}")),
        h.call("sort", arr(v("{}"), s("a"), arr(n(1)), n(2), n("-1.5"), BooleanValue.FALSE, NullValue.INSTANCE)));
    assertEquals(ArrayValue.EMPTY, h.call("sort", SetValue.EMPTY));
    h.assertTypeError("operand 1 must be one of {set, array} but got string", "sort", s("cba"));
  }

  @Test
  void sortDoesNotChangeItsInput() {
    ArrayValue input = (ArrayValue) v("[3, 1, 2]");
    h.call("sort", input);
    assertEquals(v("[3, 1, 2]"), input);
  }
}
