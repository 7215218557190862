package dev.mandate.rego.builtins;

import static dev.mandate.rego.builtins.BuiltinTestSupport.j;
import static dev.mandate.rego.builtins.BuiltinTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonBuiltinsTest {
  private final BuiltinTestSupport t = new BuiltinTestSupport(JsonBuiltins::register);

  private static final Value NUMBERS = ArrayValue.of(NumberValue.of(1234567890), NumberValue.of(2000000), NumberValue.of(1000000000));

  private String marshal(Value v) {
    return ((StringValue) t.call("json.marshal", v)).value();
  }

  private String withOptions(Value v, String optionsJson) {
    return ((StringValue) t.call("json.marshal_with_options", v, j(optionsJson))).value();
  }

  @Test
  void registersOpaNames() {
    assertEquals(1, t.lookup("json.marshal").arity());
    assertEquals(2, t.lookup("json.marshal_with_options").arity());
    assertEquals(1, t.lookup("json.unmarshal").arity());
    assertEquals(1, t.lookup("json.is_valid").arity());
    assertEquals(4, t.registry.names().size());
  }

  // --- conformance: jsonbuiltins ---

  @Test
  void isValidConformance() {
    assertEquals(BooleanValue.FALSE, t.call("json.is_valid", s("plainstring")));
    assertEquals(BooleanValue.FALSE, t.call("json.is_valid", s("{")));
    assertEquals(BooleanValue.TRUE, t.call("json.is_valid", s("{\"json\": \"ok\"}")));
    assertEquals(BooleanValue.FALSE, t.call("json.is_valid", NumberValue.of(1)));
  }

  @Test
  void marshalWithOptionsConformance() {
    assertEquals("[\n  1234567890,\n  2000000,\n  1000000000\n]", withOptions(NUMBERS, "{\"indent\": \"  \"}"));
    assertEquals("[1234567890,2000000,1000000000]", withOptions(NUMBERS, "{}"));
    assertEquals("[\n\t1234567890,\n\t2000000,\n\t1000000000\n]", withOptions(NUMBERS, "{\"pretty\": true}"));
    assertEquals("[1234567890,2000000,1000000000]",
        withOptions(NUMBERS, "{\"pretty\": false, \"prefix\": \"NO!\", \"indent\": \"BAD!\"}"));
    assertEquals("JSON => [\nJSON => \t1234567890,\nJSON => \t2000000,\nJSON => \t1000000000\nJSON => ]",
        withOptions(NUMBERS, "{\"prefix\": \"JSON => \"}"));
    assertEquals("JSON => {\nJSON => \t\"bar\": \"baz\",\nJSON => \t\"foo\": \"bar\"\nJSON => }",
        withOptions(j("{\"foo\": \"bar\", \"bar\": \"baz\"}"), "{\"prefix\": \"JSON => \"}"));
    assertEquals("---[]", withOptions(ArrayValue.EMPTY, "{\"indent\": \"    \", \"prefix\": \"---\"}"));
    assertEquals("""
        [
            [
                [
                    [
                        [
                            [
                                []
                            ]
                        ]
                    ]
                ]
            ]
        ]""", withOptions(j("[[[[[[[]]]]]]]"), "{\"indent\": \"    \"}"));
  }

  @Test
  void marshalWithOptionsRejectsUnknownKeysAsTypeError() {
    BuiltinException e = t.typeError("json.marshal_with_options", ArrayValue.EMPTY,
        j("{\"indent\": \"    \", \"include_winning_lottery_numbers\": true}"));
    assertEquals("operand 2 object contained unknown key \"include_winning_lottery_numbers\"", e.getMessage());
    assertEquals("operand 2 key pretty failed cast to bool",
        t.typeError("json.marshal_with_options", ArrayValue.EMPTY, j("{\"pretty\": 1}")).getMessage());
    t.typeError("json.marshal_with_options", ArrayValue.EMPTY, j("{\"indent\": 2}"));
    t.typeError("json.marshal_with_options", ArrayValue.EMPTY, j("[]"));
  }

  @Test
  void unmarshalConformance() {
    assertEquals(j("[{\"foo\": [1, 2, 3]}]"), t.call("json.unmarshal", s("[{\"foo\":[1,2,3]}]")));
    assertEquals("operand 1 must be string but got number", t.typeError("json.unmarshal", NumberValue.of(1)).getMessage());
  }

  // --- marshal: byte-for-byte Go output ---

  @Test
  void marshalSortsKeysAndWritesSetsAsArrays() {
    Value v = ObjectValue.builder()
        .put("b", SetValue.of(NumberValue.of(3), NumberValue.of(1), StringValue.of("x")))
        .put("a", NullValue.INSTANCE)
        .put("B", BooleanValue.FALSE)
        .build();
    assertEquals("{\"B\":false,\"a\":null,\"b\":[1,3,\"x\"]}", marshal(v));
    assertEquals("{}", marshal(ObjectValue.EMPTY));
    assertEquals("[]", marshal(SetValue.EMPTY));
  }

  @Test
  void marshalEscapesLikeGo() {
    assertEquals("\"\\u003cscript\\u003e \\u0026 \\\"q\\\" \\\\\"", marshal(s("<script> & \"q\" \\")));
    assertEquals("\"\\n\\r\\t\\b\\f\\u0001\\u001f\u007f\"", marshal(s("\n\r\t\b\f\u0001\u001f\u007f")));
    assertEquals("\"\\u2028\\u2029\"", marshal(s("\u2028\u2029")));
    // Non-ASCII text is written as UTF-8, not escaped.
    assertEquals("\"é😀\"", marshal(s("é😀")));
    // An unpaired surrogate cannot be UTF-8: Go writes the replacement character.
    assertEquals("\"a\\ufffdb\"", marshal(s("a\uD800b")));
  }

  @Test
  void marshalWritesNumbersExactly() {
    assertEquals("[1.5,-3,12345678901234567890123]", marshal(ArrayValue.of(
        NumberValue.of(new BigDecimal("1.50")), NumberValue.of(-3), NumberValue.parse("12345678901234567890123"))));
  }

  @Test
  void marshalWritesNonStringKeysAsTheirJson() {
    Map<Value, Value> m = new HashMap<>();
    m.put(NumberValue.of(1), s("one"));
    m.put(ArrayValue.of(NumberValue.of(1), s("a")), s("arr"));
    m.put(BooleanValue.TRUE, s("t"));
    assertEquals("{\"1\":\"one\",\"[1,\\\"a\\\"]\":\"arr\",\"true\":\"t\"}", marshal(ObjectValue.wrap(m)));
  }

  @Test
  void marshalSortsKeysByUtf8Bytes() {
    // U+FF61 sorts before U+1F600 in UTF-16 but after it in UTF-8 byte order... the reverse:
    // in UTF-16 the surrogate pair (0xD83D) sorts before 0xFF61; Go compares bytes.
    Value v = ObjectValue.builder().put("\uFF61", NumberValue.of(1)).put("😀", NumberValue.of(2)).build();
    assertEquals("{\"\uFF61\":1,\"😀\":2}", marshal(v));
  }

  @Test
  void prettyOutputOfNestedObjects() {
    assertEquals("{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": {\n    \"c\": \"d\"\n  }\n}",
        withOptions(j("{\"b\": {\"c\": \"d\"}, \"a\": [1, {}]}"), "{\"indent\": \"  \"}"));
  }

  // --- unmarshal and is_valid: Go grammar and messages ---

  @Test
  void unmarshalErrorsUseGoMessages() {
    assertEquals("invalid character 'p' looking for beginning of value",
        t.builtinError("json.unmarshal", s("plainstring")).getMessage());
    assertEquals("unexpected EOF", t.builtinError("json.unmarshal", s("{\"a\": [1, 2")).getMessage());
    assertEquals("EOF", t.builtinError("json.unmarshal", s("  ")).getMessage());
    assertEquals("invalid character '}' after array element", t.builtinError("json.unmarshal", s("[1}")).getMessage());
    assertEquals("invalid character ']' after object key:value pair",
        t.builtinError("json.unmarshal", s("{\"a\":1]")).getMessage());
    assertEquals("invalid character '1' looking for beginning of object key string",
        t.builtinError("json.unmarshal", s("{1:2}")).getMessage());
    assertEquals("invalid character '\\'' looking for beginning of value",
        t.builtinError("json.unmarshal", s("'a'")).getMessage());
    assertEquals("invalid character '\\n' in string literal", t.builtinError("json.unmarshal", s("\"a\nb\"")).getMessage());
    assertEquals("invalid character 'x' in string escape code", t.builtinError("json.unmarshal", s("\"\\x\"")).getMessage());
    assertEquals("invalid character 'a' in literal true (expecting 'r')", t.builtinError("json.unmarshal", s("ta")).getMessage());
    assertEquals("invalid character '.' after decimal point in numeric literal",
        t.builtinError("json.unmarshal", s("1..")).getMessage());
  }

  @Test
  void unmarshalRefusesTrailingValuesAsOpaDoes() {
    assertEquals("error: invalid character '2' after top-level value", t.builtinError("json.unmarshal", s("1 2")).getMessage());
    assertEquals("error: invalid character '{' after top-level value", t.builtinError("json.unmarshal", s("{} {}")).getMessage());
    assertEquals("invalid character 'x' looking for beginning of value", t.builtinError("json.unmarshal", s("{} x")).getMessage());
    // Go's decoder returns a nil token for a trailing null, which OPA lets through.
    assertEquals(j("{}"), t.call("json.unmarshal", s("{} null")));
    assertEquals(j("[1]"), t.call("json.unmarshal", s(" [1] \n")));
  }

  @Test
  void unmarshalDecodesStringsAsGo() {
    assertEquals(s("é😀\u2028/"), t.call("json.unmarshal", s("\"\\u00e9\\ud83d\\ude00\\u2028\\/\"")));
    // Unpaired surrogate escapes become U+FFFD.
    assertEquals(s("\uFFFDx\uFFFD"), t.call("json.unmarshal", s("\"\\ud800x\\udc00\"")));
    assertEquals(s("\uFFFD\uFFFD"), t.call("json.unmarshal", s("\"\\ud800\\ud800\"")));
  }

  @Test
  void unmarshalKeepsNumbersExactAndLastDuplicateKey() {
    assertEquals(NumberValue.parse("123456789012345678901234567890.5"),
        t.call("json.unmarshal", s("123456789012345678901234567890.5")));
    assertEquals(NumberValue.of(new BigDecimal("1e400")), t.call("json.unmarshal", s("1E400")));
    assertEquals(j("{\"a\": 2}"), t.call("json.unmarshal", s("{\"a\": 1, \"a\": 2}")));
  }

  @Test
  void isValidFollowsGoGrammar() {
    for (String ok : new String[] {"0", "-0.5e+10", "\"\"", "null", " [ ] ", "{\"a\":{\"b\":[true,false,null]}}", "\"\\u00e9\""}) {
      assertEquals(BooleanValue.TRUE, t.call("json.is_valid", s(ok)), ok);
    }
    for (String bad : new String[] {"", " ", "01", "1.", ".5", "+1", "NaN", "[1,]", "{\"a\":1,}", "\"\\u12\"", "'a'",
        "{} {}", "\uFEFF{}", "[1]x", "tru", "\"\t\""}) {
      assertEquals(BooleanValue.FALSE, t.call("json.is_valid", s(bad)), bad);
    }
  }

  @Test
  void deeplyNestedJsonFailsWithAnErrorNotAStackOverflow() {
    String bomb = "[".repeat(200_000) + "]".repeat(200_000);
    assertEquals("exceeded max depth", t.builtinError("json.unmarshal", s(bomb)).getMessage());
    assertEquals(BooleanValue.FALSE, t.call("json.is_valid", s(bomb)));
    String objects = "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000);
    assertEquals("exceeded max depth", t.builtinError("json.unmarshal", s(objects)).getMessage());
  }

  @Test
  void nestingUpToGosLimitWorksAndMarshalsBack() {
    int depth = 5_000;
    String deep = "[".repeat(depth) + "]".repeat(depth);
    assertEquals(BooleanValue.TRUE, t.call("json.is_valid", s(deep)));
    Value v = t.call("json.unmarshal", s(deep));
    assertEquals(deep, marshal(v));
  }

  @Test
  void hugeJsonRoundTrips() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < 200_000; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"id\":").append(i).append(",\"name\":\"n").append(i).append("\"}");
    }
    sb.append(']');
    Value v = t.call("json.unmarshal", s(sb.toString()));
    assertEquals(200_000, ((ArrayValue) v).size());
    assertEquals(sb.toString(), marshal(v));
  }
}
