package dev.mandate.rego.builtins;

import static dev.mandate.rego.builtins.CoreBuiltinHarness.arr;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.n;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.s;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.set;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.SetValue;
import org.junit.jupiter.api.Test;

class OperatorBuiltinsTest {
  private final CoreBuiltinHarness h = new CoreBuiltinHarness(OperatorBuiltins::register);

  @Test
  void comparisonsFollowOpaTotalOrderAcrossTypes() {
    assertEquals(BooleanValue.TRUE, h.call("lt", NullValue.INSTANCE, BooleanValue.FALSE));
    assertEquals(BooleanValue.TRUE, h.call("lt", BooleanValue.TRUE, n(0)));
    assertEquals(BooleanValue.TRUE, h.call("lt", n(1_000_000), s("")));
    assertEquals(BooleanValue.TRUE, h.call("lt", s("zzz"), arr()));
    assertEquals(BooleanValue.TRUE, h.call("lt", arr(n(9)), v("{}")));
    assertEquals(BooleanValue.TRUE, h.call("lt", v("{\"a\": 1}"), SetValue.EMPTY));
    assertEquals(BooleanValue.FALSE, h.call("gt", n(1), n(2)));
    assertEquals(BooleanValue.TRUE, h.call("gte", n(1), n("1.0")));
    assertEquals(BooleanValue.TRUE, h.call("lte", n("-0.5"), n(0)));
    assertEquals(BooleanValue.TRUE, h.call("lt", arr(n(1), n(2)), arr(n(1), n(2), n(0))));
  }

  @Test
  void equalityIsByValue() {
    assertEquals(BooleanValue.TRUE, h.call("equal", n(1), n("1.0")));
    assertEquals(BooleanValue.TRUE, h.call("equal", set(n(1), n(2)), set(n(2), n(1))));
    assertEquals(BooleanValue.FALSE, h.call("equal", n(1), s("1")));
    assertEquals(BooleanValue.TRUE, h.call("neq", arr(n(1)), set(n(1))));
    assertEquals(BooleanValue.FALSE, h.call("neq", v("{\"a\": [1]}"), v("{\"a\": [1.0]}")));
  }

  @Test
  void arithmeticIsExact() {
    assertEquals(n(49649733058L), h.call("plus", n(49649733057L), n(1)));
    assertEquals(n("0.3"), h.call("plus", n("0.1"), n("0.2")));
    assertEquals(n("18446744073709551616"), h.call("plus", n(Long.MAX_VALUE), n("9223372036854775809")));
    assertEquals(n("85070591730234615847396907784232501249"),
        h.call("mul", n(Long.MAX_VALUE), n(Long.MAX_VALUE)));
    assertEquals(n(-1), h.call("minus", n(1), n(2)));
    assertEquals(n("2.5"), h.call("div", n(5), n(2)));
    assertEquals(n(3), h.call("div", n(6), n(2)));
    assertEquals(n(0), h.call("div", n(0), n(7)));
  }

  @Test
  void divisionByAnyZeroFails() {
    h.assertBuiltinError("divide by zero", "div", n(1), n(0));
    h.assertBuiltinError("divide by zero", "div", n("1.5"), n("0.0"));
  }

  @Test
  void remainderTakesTheDividendsSign() {
    assertEquals(n(3), h.call("rem", n(7), n(4)));
    assertEquals(n(-3), h.call("rem", n(-7), n(4)));
    assertEquals(n(3), h.call("rem", n(7), n(-4)));
    assertEquals(n(1), h.call("rem", n("100000000000000000000001"), n(10)));
    assertEquals(n(10), h.call("rem", n(10), n("18446744073709551616")));
    assertEquals(n(0), h.call("rem", n("4.0"), n(2)));
  }

  @Test
  void remainderErrors() {
    h.assertBuiltinError("modulo on floating-point number", "rem", n("1.1"), n(1));
    h.assertBuiltinError("modulo on floating-point number", "rem", n(1), n("0.5"));
    h.assertBuiltinError("modulo by zero", "rem", n(5), n(0));
    h.assertBuiltinError("modulo by zero", "rem", n("100000000000000000000"), n(0));
  }

  @Test
  void arithmeticOperandTypeErrors() {
    h.assertTypeError("operand 1 must be number but got string", "plus", s("1"), n(1));
    h.assertTypeError("operand 2 must be number but got string", "plus", n(1), s("1"));
    h.assertTypeError("operand 2 must be number but got null", "mul", n(1), NullValue.INSTANCE);
    h.assertTypeError("operand 1 must be number but got boolean", "div", BooleanValue.TRUE, n(1));
    h.assertTypeError("operand 2 must be number but got array", "rem", n(1), arr());
  }

  @Test
  void minusOnSetsIsDifferenceAndMixedOperandsNameTheExpectedType() {
    assertEquals(set(n(2), n(4)), h.call("minus", set(n(1), n(2), n(3), n(4)), set(n(1), n(3))));
    assertEquals(SetValue.EMPTY, h.call("minus", set(n(1)), set(n(1), n(2))));
    h.assertTypeError("operand 2 must be set but got number", "minus", set(n(1)), n(1));
    h.assertTypeError("operand 2 must be number but got set", "minus", n(1), set(n(1)));
    h.assertTypeError("operand 1 must be one of {number, set} but got string", "minus", s("a"), n(1));
    h.assertTypeError("operand 1 must be one of {number, set} but got array", "minus", arr(), arr());
  }

  @Test
  void andOrAreSetIntersectionAndUnion() {
    assertEquals(set(n(3)), h.call("and", set(n(1), n(2), n(3)), set(n(3), n(4))));
    assertEquals(SetValue.EMPTY, h.call("and", set(n(1)), set(n(2))));
    assertEquals(set(n(1), n(2), n(3)), h.call("or", set(n(1), n(2)), set(n(2), n(3))));
    h.assertTypeError("operand 1 must be set but got array", "and", arr(), set());
    h.assertTypeError("operand 2 must be set but got object", "or", set(), v("{}"));
  }

  @Test
  void membership() {
    assertEquals(BooleanValue.TRUE, h.call("internal.member_2", n(1), set(n(1))));
    assertEquals(BooleanValue.TRUE, h.call("internal.member_2", n(1), arr(n("1.0"))));
    assertEquals(BooleanValue.TRUE, h.call("internal.member_2", n(1), v("{\"foo\": 1}")));
    assertEquals(BooleanValue.FALSE, h.call("internal.member_2", s("foo"), v("{\"foo\": 1}")));
    assertEquals(BooleanValue.TRUE,
        h.call("internal.member_2", v("{\"foo\": {\"baz\": 2000}}"), v("[{\"foo\": {\"baz\": 2000}}]")));
    // Strings and other scalars are not collections: nothing is in them.
    assertEquals(BooleanValue.FALSE, h.call("internal.member_2", s("o"), s("foo")));
    assertEquals(BooleanValue.FALSE, h.call("internal.member_2", s("foo"), n(1)));
    assertEquals(BooleanValue.FALSE, h.call("internal.member_2", n(1), arr()));
  }

  @Test
  void membershipWithKey() {
    assertEquals(BooleanValue.TRUE, h.call("internal.member_3", s("foo"), n(1), v("{\"foo\": 1}")));
    assertEquals(BooleanValue.FALSE, h.call("internal.member_3", s("foo"), n(2), v("{\"foo\": 1}")));
    assertEquals(BooleanValue.TRUE, h.call("internal.member_3", n(1), s("two"), v("[\"one\", \"two\"]")));
    assertEquals(BooleanValue.FALSE, h.call("internal.member_3", n(2), s("two"), v("[\"one\", \"two\"]")));
    assertEquals(BooleanValue.FALSE, h.call("internal.member_3", n(-1), s("two"), v("[\"one\", \"two\"]")));
    assertEquals(BooleanValue.FALSE, h.call("internal.member_3", s("1"), s("two"), v("[\"one\", \"two\"]")));
    assertEquals(BooleanValue.TRUE, h.call("internal.member_3", n(2), n(2), set(n(2))));
    assertEquals(BooleanValue.FALSE, h.call("internal.member_3", n(2), n(3), set(n(2))));
    assertEquals(BooleanValue.FALSE, h.call("internal.member_3", n(1), s("foo"), n(1)));
  }
}
