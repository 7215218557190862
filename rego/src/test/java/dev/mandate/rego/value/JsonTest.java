package dev.mandate.rego.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void prettyPrintsAsGoDoes() {
    assertEquals("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}",
        Json.writePretty(Json.parse("{\"b\": {}, \"a\": [1, 2]}")));
  }

  @Test
  void numbersStayExact() {
    Value v = Json.parse("[123456789012345678901234567890, 0.1, 1.0, 1e2]");
    assertEquals("[123456789012345678901234567890,0.1,1,100]", Json.write(v));
    assertEquals(NumberValue.of(1), ((ArrayValue) v).get(2));
  }

  @Test
  void deepNestingIsRefusedNotAStackOverflow() {
    String bomb = "[".repeat(100_000) + "]".repeat(100_000);
    assertThrows(Json.JsonException.class, () -> Json.parse(bomb));
  }

  @Test
  void trailingDataIsRefused() {
    assertThrows(Json.JsonException.class, () -> Json.parse("{} {}"));
  }

  @Test
  void stringsOrderByCodePointAsOpa() {
    // U+FF61 sorts before U+1F600 by code point, though not by UTF-16 unit.
    assertEquals(-1, Integer.signum(Values.compare(StringValue.of("\uFF61"), StringValue.of("\uD83D\uDE00"))));
  }
}
