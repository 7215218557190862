package dev.mandate.rego.builtins;

import static dev.mandate.rego.builtins.CoreBuiltinHarness.arr;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.n;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.s;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.value.ArrayValue;
import org.junit.jupiter.api.Test;

class ArithmeticBuiltinsTest {
  private final CoreBuiltinHarness h = new CoreBuiltinHarness(ArithmeticBuiltins::register);

  @Test
  void absKeepsExactness() {
    assertEquals(n(10), h.call("abs", n(-10)));
    assertEquals(n("0.25"), h.call("abs", n("-0.25")));
    assertEquals(n("9223372036854775808"), h.call("abs", n(Long.MIN_VALUE)));
    assertEquals(n("123456789012345678901234567890.5"), h.call("abs", n("-123456789012345678901234567890.5")));
  }

  @Test
  void roundsHalfAwayFromZero() {
    assertEquals(n(-2), h.call("round", n("-1.5")));
    assertEquals(n(2), h.call("round", n("1.5")));
    assertEquals(n(3), h.call("round", n("2.5")));
    assertEquals(n(-1), h.call("round", n("-1.4999")));
    assertEquals(n(0), h.call("round", n("0.49999999999999999999")));
    assertEquals(n(7), h.call("round", n(7)));
  }

  @Test
  void ceilAndFloor() {
    assertEquals(n(2), h.call("ceil", n("1.01")));
    assertEquals(n(2223), h.call("ceil", n("2222.2222222222")));
    assertEquals(n(-1), h.call("ceil", n("-1.99999")));
    assertEquals(n(1), h.call("floor", n("1.5")));
    assertEquals(n(-2), h.call("floor", n("-1.001")));
    assertEquals(n("100000000000000000000"), h.call("floor", n("100000000000000000000.9")));
  }

  @Test
  void roundingRequiresNumbers() {
    h.assertTypeError("operand 1 must be number but got string", "round", s("1.5"));
    h.assertTypeError("operand 1 must be number but got array", "abs", arr());
  }

  @Test
  void rangeIsInclusiveInBothDirections() {
    assertEquals(v("[0]"), h.call("numbers.range", n(0), n(0)));
    assertEquals(v("[-2, -1, 0, 1, 2, 3]"), h.call("numbers.range", n(-2), n(3)));
    assertEquals(v("[3, 2, 1]"), h.call("numbers.range", n(3), n(1)));
    assertEquals(v("[49649733057, 49649733058, 49649733059, 49649733060]"),
        h.call("numbers.range", n(49649733057L), n(49649733060L)));
    assertEquals(arr(n("18446744073709551616"), n("18446744073709551617")),
        h.call("numbers.range", n("18446744073709551616"), n("18446744073709551617")));
  }

  @Test
  void rangeOperandErrors() {
    h.assertTypeError("operand 1 must be integer number but got floating-point number",
        "numbers.range", n("1.5"), n(3));
    h.assertTypeError("operand 2 must be integer number but got floating-point number",
        "numbers.range", n(1), n("3.5"));
    h.assertTypeError("operand 1 must be integer but got string", "numbers.range", s("1"), n(3));
  }

  @Test
  void rangeStep() {
    assertEquals(v("[0, 3, 6, 9]"), h.call("numbers.range_step", n(0), n(10), n(3)));
    assertEquals(v("[10, 7, 4, 1]"), h.call("numbers.range_step", n(10), n(0), n(3)));
    assertEquals(v("[5]"), h.call("numbers.range_step", n(5), n(5), n(100)));
    h.assertBuiltinError("numbers.range_step: step must be a positive integer",
        "numbers.range_step", n(0), n(10), n(0));
    h.assertBuiltinError("numbers.range_step: step must be a positive integer",
        "numbers.range_step", n(0), n(10), n(-1));
    h.assertTypeError("operand 3 must be integer number but got floating-point number",
        "numbers.range_step", n(0), n(10), n("0.5"));
    // Operands are checked in order before the step's sign.
    h.assertTypeError("operand 1 must be integer but got null",
        "numbers.range_step", dev.mandate.rego.value.NullValue.INSTANCE, n(10), n(0));
  }

  @Test
  void longRangesCheckForCancellation() {
    ArrayValue big = (ArrayValue) h.call("numbers.range", n(1), n(100_000));
    assertEquals(100_000, big.size());
    assertTrue(h.ctx.cancellationChecks > 1);
  }
}
