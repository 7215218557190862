package dev.mandate.rego.builtins;

import static dev.mandate.rego.builtins.TimeNetCalls.a;
import static dev.mandate.rego.builtins.TimeNetCalls.n;
import static dev.mandate.rego.builtins.TimeNetCalls.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UuidRandBitsTest {
  private final TimeNetCalls uuid = new TimeNetCalls(UuidBuiltins::register);
  private final TimeNetCalls rand = new TimeNetCalls(RandBuiltins::register);
  private final TimeNetCalls bits = new TimeNetCalls(BitsBuiltins::register);

  @Test
  void rfc4122IsAStableRandomV4PerQueryAndKey() {
    Value first = uuid.call("uuid.rfc4122", s("a"));
    String text = ((StringValue) first).value();
    assertTrue(text.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), text);
    assertEquals(first, uuid.call("uuid.rfc4122", s("a")));
    assertNotEquals(first, uuid.call("uuid.rfc4122", s("b")));
    uuid.ctx = new TimeNetTestContext(); // a new query
    assertNotEquals(first, uuid.call("uuid.rfc4122", s("a")));
  }

  @Test
  void parsesUuidsAsConformanceSuite() {
    uuid.expect("{\"variant\": \"RFC4122\", \"version\": 4}", "uuid.parse", s("{00000000-0000-4000-8000-000000000000}"));
    uuid.expect("{\"clocksequence\": 12800, \"domain\": \"Person\", \"id\": 1000, \"macvariables\": \"local:unicast\", "
        + "\"nodeid\": \"32-50-96-b3-9f-47\", \"time\": 1693566990121469600, \"variant\": \"RFC4122\", \"version\": 2}",
        "uuid.parse", s("urn:uuid:000003e8-48b9-21ee-b200-325096b39f47"));
    uuid.expect("{\"variant\": \"RFC4122\", \"version\": 3}", "uuid.parse", s("6bea8ef2d3d33cd184e09bab06a52ece"));
    uuid.expect("{\"variant\": \"RFC4122\", \"version\": 4}", "uuid.parse", s("00000000-0000-4000-8000-000000000000"));
  }

  @Test
  void parsesVersion1AndOtherVariants() {
    // A version 1 UUID: 100-ns intervals since 1582-10-15, here 1998-02-05T06:27:00.9627754Z.
    uuid.expect("{\"clocksequence\": 13933, \"macvariables\": \"global:multicast\", \"nodeid\": \"01-00-5e-00-00-01\", "
        + "\"time\": 886660020962775400, \"variant\": \"RFC4122\", \"version\": 1}",
        "uuid.parse", s("4f5d7a6a-9df2-11d1-b66d-01005e000001"));
    uuid.expect("{\"variant\": \"Microsoft\", \"version\": 4}", "uuid.parse", s("00000000-0000-4000-c000-000000000000"));
    uuid.expect("{\"variant\": \"Future\", \"version\": 15}", "uuid.parse", s("ffffffff-ffff-ffff-ffff-ffffffffffff"));
    uuid.expect("{\"variant\": \"Reserved\", \"version\": 0}", "uuid.parse", s("URN:UUID:00000000-0000-0000-0000-000000000000"));
    // Go's parser only checks the length of the braced form, not the braces.
    uuid.expect("{\"variant\": \"RFC4122\", \"version\": 4}", "uuid.parse", s("(00000000-0000-4000-8000-000000000000)"));
  }

  @Test
  void invalidUuidsAreUndefined() {
    for (String bad : new String[] {"", "not-a-uuid", "00000000-0000-4000-8000-00000000000",
        "00000000+0000-4000-8000-000000000000", "0000000g-0000-4000-8000-000000000000",
        "urn:uuix:00000000-0000-4000-8000-000000000000", "6bea8ef2d3d33cd184e09bab06a52ecz",
        "00000000-0000-4000-8000-00000000000\u00e9"}) {
      uuid.expect("undefined", "uuid.parse", s(bad));
    }
    uuid.expectError(EvalException.TYPE, "operand 1 must be string but got number", "uuid.parse", n(1));
  }

  @Test
  void randIntnIsStablePerKeyAndBound() {
    Set<Value> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      Value v = rand.call("rand.intn", s("k" + i), n(10));
      long x = ((NumberValue) v).longValue();
      assertTrue(x >= 0 && x < 10);
      seen.add(v);
      assertEquals(v, rand.call("rand.intn", s("k" + i), n(10)));
      assertEquals(v, rand.call("rand.intn", s("k" + i), n(-10)), "cached by |n|");
    }
    assertTrue(seen.size() > 1, "values vary between keys");
    rand.expect("0", "rand.intn", s("x"), n(0));
    rand.expect("0", "rand.intn", s("x"), n(1));
    rand.expectError(EvalException.TYPE, "operand 2 must be integer number but got floating-point number",
        "rand.intn", s("x"), n("1.5"));
    rand.expectError(EvalException.TYPE, "operand 2 must be integer number but got floating-point number",
        "rand.intn", s("x"), n("100000000000000000000"));
    rand.expectError(EvalException.TYPE, "operand 1 must be string but got number", "rand.intn", n(1), n(1));
  }

  @Test
  void bitwiseOperations() {
    bits.expect("7", "bits.or", n(5), n(3));
    bits.expect("1", "bits.and", n(5), n(3));
    bits.expect("6", "bits.xor", n(5), n(3));
    bits.expect("-6", "bits.negate", n(5));
    bits.expect("4", "bits.negate", n(-5));
    bits.expect("-1", "bits.or", n(-8), n(7));
    bits.expect("8", "bits.and", n(-8), n(15));
    bits.expect("20", "bits.lsh", n(5), n(2));
    bits.expect("1", "bits.rsh", n(5), n(2));
    bits.expect("-2", "bits.rsh", n(-5), n(2)); // rounds toward negative infinity
    bits.expect("-1", "bits.rsh", n(-5), n("100000000000"));
    bits.expect("0", "bits.rsh", n(5), n("100000000000"));
    bits.expect("5", "bits.lsh", n(5), n("18446744073709551616")); // Go shifts by the low 64 bits: 0
    bits.expect("0", "bits.lsh", n(0), n("100000000000"));
    bits.expect("36893488147419103232", "bits.lsh", n(1), n(65));
    bits.expect("18446744073709551616", "bits.rsh", n("36893488147419103232"), n(1));
    bits.expect("3", "bits.or", n("1.0"), n(2));
    // OPA's conformance cases: no overflow at int32 or int64 boundaries.
    bits.expect("4294967294", "bits.lsh", n(2147483647), n(1));
    bits.expect("18446744073709551614", "bits.lsh", n(Long.MAX_VALUE), n(1));
  }

  @Test
  void bitsReadOperandsAtSixtyFourBitPrecision() {
    // 2^70 + 1 has more than 64 significant bits; OPA reads it as 2^70.
    bits.expect("1180591620717411303424", "bits.or", n("1180591620717411303425"), n(0));
  }

  @Test
  void bitsErrors() {
    bits.expectError(EvalException.TYPE, "operand 2 must be an unsigned integer number but got a negative integer",
        "bits.lsh", n(1), n(-1));
    bits.expectError(EvalException.TYPE, "operand 2 must be an unsigned integer number but got a negative integer",
        "bits.rsh", n(1), n(-1));
    bits.expectError(EvalException.TYPE, "operand 1 must be integer number but got floating-point number",
        "bits.or", n("1.5"), n(1));
    bits.expectError(EvalException.TYPE, "operand 1 must be integer number but got floating-point number",
        "bits.lsh", n("7.2"), n(42));
    bits.expectError(EvalException.TYPE, "operand 2 must be integer but got string", "bits.and", n(1), s("1"));
    bits.expectError(EvalException.TYPE, "operand 1 must be integer but got array", "bits.negate", a());
    bits.expectError(EvalException.BUILTIN, "shift amount too large", "bits.lsh", n(1), n("100000000000"));
  }
}
