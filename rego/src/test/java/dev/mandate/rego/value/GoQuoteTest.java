package dev.mandate.rego.value;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Strings inside printed values are quoted as Go's strconv.Quote quotes them (OPA's String()). */
class GoQuoteTest {
  private static String quoted(String s) {
    return GoQuote.quote(s);
  }

  @Test
  void namedAndHexEscapesForControlCharacters() {
    assertEquals("\"a\\tb\\nc\\rd\"", quoted("a\tb\nc\rd"));
    assertEquals("\"\\a\\b\\f\\v\"", quoted("\u0007\b\f\u000b"));
    assertEquals("\"\\x00\\x01\\x1f\\x7f\"", quoted("\u0000\u0001\u001f\u007f"));
    assertEquals("\"q\\\"b\\\\s\"", quoted("q\"b\\s"));
  }

  @Test
  void printableUnicodeStaysAsIsTheRestIsEscaped() {
    assertEquals("\"café ü € 日本 😀\"", quoted("café ü € 日本 😀"));
    assertEquals("\"\\u00a0\"", quoted("\u00a0"), "no-break space is not printable in Go");
    assertEquals("\"\\u200b\\u2028\\ufeff\"", quoted("\u200b\u2028\ufeff"));
    assertEquals("\"\\ue000\"", quoted("\ue000"), "private use");
    assertEquals("\"\\U000e0001\"", quoted(new String(Character.toChars(0xE0001))), "a tag character");
    assertEquals("\"\ufffd\"", quoted("\ud800"), "a lone surrogate is U+FFFD, as Go decodes it");
  }

  @Test
  void printedValuesUseIt() {
    Value v = ArrayValue.of(List.of(StringValue.of("x\u0001"), ObjectValue.of("k\u00a0", NumberValue.of(1))));
    assertEquals("[\"x\\x01\", {\"k\\u00a0\": 1}]", Values.toRego(v));
  }
}
