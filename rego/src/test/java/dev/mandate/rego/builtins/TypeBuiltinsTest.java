package dev.mandate.rego.builtins;

import static dev.mandate.rego.builtins.CoreBuiltinHarness.arr;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.n;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.s;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.set;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeBuiltinsTest {
  private final CoreBuiltinHarness h = new CoreBuiltinHarness(TypeBuiltins::register);

  private static final List<Value> ONE_OF_EACH = List.of(NullValue.INSTANCE, BooleanValue.FALSE, n("1.5"),
      s(""), arr(), ObjectValue.EMPTY, SetValue.EMPTY);

  @Test
  void eachTestIsTrueForItsTypeAndFalseOtherwise() {
    Map<String, String> testFor = Map.of("is_null", "null", "is_boolean", "boolean", "is_number", "number",
        "is_string", "string", "is_array", "array", "is_object", "object", "is_set", "set");
    testFor.forEach((builtin, type) -> {
      for (Value value : ONE_OF_EACH) {
        assertEquals(BooleanValue.of(value.typeName().equals(type)), h.call(builtin, value),
            builtin + "(" + value + ")");
      }
    });
  }

  @Test
  void typeNames() {
    assertEquals(List.of(s("null"), s("boolean"), s("number"), s("string"), s("array"), s("object"), s("set")),
        ONE_OF_EACH.stream().map(x -> h.call("type_name", x)).toList());
  }

  @Test
  void toNumberOfNonStrings() {
    assertEquals(n(0), h.call("to_number", NullValue.INSTANCE));
    assertEquals(n(0), h.call("to_number", BooleanValue.FALSE));
    assertEquals(n(1), h.call("to_number", BooleanValue.TRUE));
    assertEquals(n("100.1"), h.call("to_number", n("100.1")));
    h.assertTypeError("operand 1 must be one of {null, boolean, number, string} but got array",
        "to_number", arr());
    h.assertTypeError("operand 1 must be one of {null, boolean, number, string} but got set",
        "to_number", set());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "-42.0 | -42",
      "3 | 3",
      "+5 | 5",
      ".5 | 0.5",
      "5. | 5",
      "1e5 | 100000",
      "1E-2 | 0.01",
      "1_000 | 1000",
      "0x1p4 | 16",
      "0x1.8p1 | 3",
      "-0X_Ap-1 | -5",
      "0.1 | 0.1",
      "123456789012345678901234567890 | 123456789012345678901234567890",
      "1.7976931348623157e308 | 1.7976931348623157e308",
      "1e-400 | 1e-400",
      "0e99999999999 | 0",
  })
  void toNumberParsesGoFloatSyntaxExactly(String text, String expected) {
    assertEquals(n(expected), h.call("to_number", s(text)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "broken", "0x1", "1e", "1e+", "--1", "1__0", "_1", "1_", "0x", "' 1'", "'1 '", "1.2.3", "1f", "0x1p", "1_.5",
      "''",
  })
  void toNumberRefusesBadSyntax(String text) {
    h.assertBuiltinError("strconv.ParseFloat: parsing " + GoFloatSyntax.goQuote(text) + ": invalid syntax",
        "to_number", s(text));
  }

  @Test
  void toNumberErrorTexts() {
    h.assertBuiltinError("strconv.ParseFloat: parsing \"broken\": invalid syntax", "to_number", s("broken"));
    h.assertBuiltinError("strconv.ParseFloat: parsing \"1e400\": value out of range", "to_number", s("1e400"));
    h.assertBuiltinError("strconv.ParseFloat: parsing \"-1e309\": value out of range", "to_number", s("-1e309"));
    h.assertBuiltinError("strconv.ParseFloat: parsing \"a\\tb\": invalid syntax", "to_number", s("a\tb"));
  }

  @Test
  void toNumberRefusesNonFiniteWords() {
    for (String word : List.of("inf", "-Inf", "+INFINITY", "NaN", "+-nan")) {
      h.assertTypeError("operand 1 must be valid number string but got string", "to_number", s(word));
    }
  }
}
