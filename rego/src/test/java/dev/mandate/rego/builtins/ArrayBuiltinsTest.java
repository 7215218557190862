package dev.mandate.rego.builtins;

import static dev.mandate.rego.builtins.CoreBuiltinHarness.n;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.s;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.set;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mandate.rego.value.ArrayValue;
import org.junit.jupiter.api.Test;

class ArrayBuiltinsTest {
  private final CoreBuiltinHarness h = new CoreBuiltinHarness(ArrayBuiltins::register);

  @Test
  void concat() {
    assertEquals(v("[1, 2, 3, 4]"), h.call("array.concat", v("[1, 2]"), v("[3, 4]")));
    assertEquals(v("[1]"), h.call("array.concat", ArrayValue.EMPTY, v("[1]")));
    assertEquals(ArrayValue.EMPTY, h.call("array.concat", ArrayValue.EMPTY, ArrayValue.EMPTY));
    h.assertTypeError("operand 1 must be array but got object", "array.concat", v("{}"), v("[3]"));
    h.assertTypeError("operand 2 must be array but got set", "array.concat", v("[]"), set());
  }

  @Test
  void sliceClampsIndexes() {
    ArrayValue five = (ArrayValue) v("[1, 2, 3, 4, 5]");
    assertEquals(v("[2, 3]"), h.call("array.slice", five, n(1), n(3)));
    assertEquals(ArrayValue.EMPTY, h.call("array.slice", v("[1, 2, 3]"), n(0), n(0)));
    assertEquals(ArrayValue.EMPTY, h.call("array.slice", five, n(-4), n(-1)));
    assertEquals(v("[1, 2]"), h.call("array.slice", five, n(-4), n(2)));
    assertEquals(ArrayValue.EMPTY, h.call("array.slice", five, n(4), n(1)));
    assertEquals(v("[4, 5]"), h.call("array.slice", five, n(3), n(6)));
    assertEquals(ArrayValue.EMPTY, h.call("array.slice", ArrayValue.EMPTY, n(1000), n(2000)));
    assertEquals(ArrayValue.EMPTY, h.call("array.slice", v("[1, 2, 3]"), n(1000), n(2000)));
    assertEquals(five, h.call("array.slice", five, n(Long.MIN_VALUE), n(Long.MAX_VALUE)));
  }

  @Test
  void sliceIndexesMustBeIntegers() {
    h.assertTypeError("operand 2 must be integer number but got floating-point number",
        "array.slice", v("[1]"), n("0.5"), n(1));
    h.assertTypeError("operand 3 must be integer number but got floating-point number",
        "array.slice", v("[1]"), n(0), n("100000000000000000000"));
    h.assertTypeError("operand 3 must be number but got string", "array.slice", v("[1]"), n(0), s("1"));
    h.assertTypeError("operand 1 must be array but got string", "array.slice", s("abc"), n(0), n(1));
  }

  @Test
  void reverse() {
    assertEquals(v("[3, 2, 1]"), h.call("array.reverse", v("[1, 2, 3]")));
    assertEquals(ArrayValue.EMPTY, h.call("array.reverse", ArrayValue.EMPTY));
    assertEquals(v("[[1], {\"a\": 2}]"), h.call("array.reverse", v("[{\"a\": 2}, [1]]")));
    h.assertTypeError("operand 1 must be array but got object", "array.reverse", v("{\"bar\": \"baz\"}"));
  }
}
