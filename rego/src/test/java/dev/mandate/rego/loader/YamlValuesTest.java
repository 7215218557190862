package dev.mandate.rego.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import org.junit.jupiter.api.Test;

class YamlValuesTest {

  private static Value field(String yaml, String key) {
    return ((ObjectValue) YamlValues.parse(yaml)).get(key);
  }

  @Test
  void floatsKeepEveryDigit() {
    // 0.1 + exact digits that a double would round away.
    assertEquals(NumberValue.parse("0.1"), field("x: 0.1", "x"));
    assertEquals(NumberValue.parse("3.14159265358979323846264338327950288"),
        field("x: 3.14159265358979323846264338327950288", "x"));
    assertEquals(NumberValue.parse("1e400"), field("x: 1.0e+400", "x"));
    assertEquals("1234.5", field("x: 1_234.5", "x").toString());
  }

  @Test
  void integersAreExactAtAnySize() {
    assertEquals(NumberValue.of(42), field("x: 42", "x"));
    assertEquals(NumberValue.of(-7), field("x: -7", "x"));
    assertEquals(NumberValue.parse("123456789012345678901234567890"),
        field("x: 123456789012345678901234567890", "x"));
  }

  @Test
  void wholeFloatEqualsInteger() {
    assertEquals(NumberValue.of(1), field("x: 1.0", "x"));
  }

  @Test
  void scalarsAndContainers() {
    Value doc = YamlValues.parse("""
        a: true
        b: null
        c: hello
        d: [1, "two", {e: f}]
        g: {}
        h: []
        """);
    ObjectValue o = assertInstanceOf(ObjectValue.class, doc);
    assertEquals(BooleanValue.TRUE, o.get("a"));
    assertEquals(NullValue.INSTANCE, o.get("b"));
    assertEquals(StringValue.of("hello"), o.get("c"));
    assertEquals(Json.parse("[1, \"two\", {\"e\": \"f\"}]"), o.get("d"));
    assertEquals(ObjectValue.EMPTY, o.get("g"));
    assertEquals(ArrayValue.EMPTY, o.get("h"));
  }

  @Test
  void keysBecomeStringsAsInJson() {
    ObjectValue o = (ObjectValue) YamlValues.parse("1: a\ntrue: b\n");
    assertEquals(StringValue.of("a"), o.get("1"));
    assertEquals(StringValue.of("b"), o.get("true"));
  }

  @Test
  void timestampsStayStrings() {
    assertEquals(StringValue.of("2020-01-02"), field("x: 2020-01-02", "x"));
    assertEquals(StringValue.of("2020-01-02T03:04:05Z"), field("x: 2020-01-02T03:04:05Z", "x"));
  }

  @Test
  void blockScalarsKeepText() {
    assertEquals(StringValue.of("package x\n\np := 1\n"),
        field("m: |\n  package x\n\n  p := 1\n", "m"));
  }

  @Test
  void emptyDocumentIsNull() {
    assertNull(YamlValues.parse(""));
  }

  @Test
  void infinityIsRejected() {
    assertThrows(YamlValues.YamlException.class, () -> YamlValues.parse("x: .inf"));
  }

  @Test
  void invalidYamlReportsCleanly() {
    YamlValues.YamlException e = assertThrows(YamlValues.YamlException.class,
        () -> YamlValues.parse("a: [1, 2"));
    assertTrue(e.getMessage() != null && !e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void noJavaObjectsFromTags() {
    assertThrows(RuntimeException.class,
        () -> YamlValues.parse("x: !!javax.script.ScriptEngineManager []"));
  }
}
