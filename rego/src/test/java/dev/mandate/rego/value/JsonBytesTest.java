package dev.mandate.rego.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link JsonBytes} against the Jackson-based {@link Json#write(Value)}, as the oracle. */
class JsonBytesTest {
  private static void assertSameAsJson(Value v) {
    byte[] expected = Json.write(v).getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(expected, JsonBytes.encode(v), () -> "for " + Json.write(v));
  }

  @Test
  void escapesAsJsonWrites() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x80; c++) {
      all.append(c);
    }
    assertSameAsJson(StringValue.of(all.toString()));
    assertEquals("\"a\\\"b\\\\c\\n\\u001F\\b\\f\"",
        new String(JsonBytes.encode(StringValue.of("a\"b\\c\n\u001f\b\f")), StandardCharsets.UTF_8));
  }

  /** Escapes take more room than the characters they stand for: the buffer must keep up. */
  @Test
  void appendsJsonTextAndTruncatesBackToAMark() {
    byte[] text = "[1,2]".getBytes(StandardCharsets.US_ASCII);
    JsonBytes out = new JsonBytes(16).raw('{').name("a");
    int mark = out.length();
    out.bytes(text, 0, text.length).raw(',').name("long-enough-to-grow-the-buffer");
    out.bytes(text, 1, 1);
    assertEquals("{\"a\":[1,2],\"long-enough-to-grow-the-buffer\":1",
        new String(out.toByteArray(), StandardCharsets.UTF_8));
    out.truncate(mark).bytes(text, 3, 1).raw('}');
    assertEquals("{\"a\":2}", new String(out.toByteArray(), StandardCharsets.UTF_8));
    assertThrows(IllegalArgumentException.class, () -> out.truncate(out.length() + 1));
    assertThrows(IllegalArgumentException.class, () -> out.truncate(-1));
  }

  @Test
  void escapesThatOutgrowTheBuffer() {
    for (String s : new String[] {"\u0001".repeat(50) + "abc", "a\"".repeat(40), "\n\u0000x",
        "\u0002".repeat(3) + "é" + "\u0003".repeat(3)}) {
      JsonBytes out = new JsonBytes(4).string(s);
      assertArrayEquals(Json.write(StringValue.of(s)).getBytes(StandardCharsets.UTF_8),
          out.toByteArray(), s);
    }
  }

  @Test
  void encodesNonAsciiAsUtf8AndLoneSurrogatesAsQuestionMarks() {
    assertSameAsJson(StringValue.of("é€\uD83D\uDE00"));
    assertEquals("\"a?b?\"", new String(
        JsonBytes.encode(StringValue.of("a\uD800b\uDC00")), StandardCharsets.UTF_8));
    assertSameAsJson(StringValue.of("\uDBFF"));
    assertSameAsJson(StringValue.of("x\uDE00\uD83D"));
    assertSameAsJson(StringValue.of("\uD83D\uD83D\uDE00"));
    assertSameAsJson(StringValue.of("x".repeat(10_000) + "\uD83D\uDE00"));
  }

  @Test
  void numbersAsJsonWrites() {
    for (long n : new long[] {0, 7, 10, -1, -10, 255, 256, -129, Long.MAX_VALUE, Long.MIN_VALUE}) {
      assertSameAsJson(NumberValue.of(n));
    }
    assertSameAsJson(NumberValue.of(new BigDecimal("123456789012345678901234567890")));
    assertSameAsJson(NumberValue.parse("0.1"));
    assertSameAsJson(NumberValue.parse("1e-30"));
    assertSameAsJson(NumberValue.parse("-2.5e40"));
  }

  @Test
  void collectionsAndKeyOrderAsJsonWrites() {
    assertSameAsJson(Json.parse("{\"b\":[1,{\"z\":null,\"a\":true}],\"a\":{},\"\u00e9\":[]}"));
    assertSameAsJson(SetValue.of(StringValue.of("b"), NumberValue.of(3), StringValue.of("a")));
    // Non-string keys are written as their Rego text, and sorted as strings.
    assertSameAsJson(ObjectValue.builder().put(NumberValue.of(10), BooleanValue.TRUE)
        .put(NumberValue.of(9), BooleanValue.FALSE).put(StringValue.of("k"), NullValue.INSTANCE)
        .put(ArrayValue.of(StringValue.of("x")), NumberValue.of(1)).build());
    assertSameAsJson(ObjectValue.EMPTY);
    assertSameAsJson(ArrayValue.EMPTY);
  }

  @Test
  void randomValuesAsJsonWrites() {
    Random rnd = new Random(8693);
    for (int i = 0; i < 2_000; i++) {
      assertSameAsJson(randomValue(rnd, 4));
    }
  }

  @Test
  void envelopeBuiltFromPieces() {
    JsonBytes out = new JsonBytes(4).raw('{').name("a\"").value(NumberValue.of(-42)).raw(',')
        .name("b").string("\u00e9").raw('}');
    assertEquals("{\"a\\\"\":-42,\"b\":\"\u00e9\"}",
        new String(out.toByteArray(), StandardCharsets.UTF_8));
    assertEquals(out.toByteArray().length, out.length());
  }

  private static Value randomValue(Random rnd, int depth) {
    int kind = rnd.nextInt(depth <= 0 ? 4 : 7);
    return switch (kind) {
      case 0 -> NullValue.INSTANCE;
      case 1 -> BooleanValue.of(rnd.nextBoolean());
      case 2 -> randomNumber(rnd);
      case 3 -> StringValue.of(randomString(rnd));
      case 4 -> {
        Value[] items = new Value[rnd.nextInt(4)];
        for (int i = 0; i < items.length; i++) {
          items[i] = randomValue(rnd, depth - 1);
        }
        yield ArrayValue.wrap(items);
      }
      case 5 -> {
        Value[] items = new Value[rnd.nextInt(4)];
        for (int i = 0; i < items.length; i++) {
          items[i] = randomValue(rnd, 0);
        }
        yield SetValue.of(items);
      }
      default -> {
        ObjectValue.Builder b = ObjectValue.builder();
        int n = rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
          Value key = rnd.nextInt(6) == 0 ? randomValue(rnd, 0) : StringValue.of(randomString(rnd));
          b.put(key, randomValue(rnd, depth - 1));
        }
        yield b.build();
      }
    };
  }

  private static NumberValue randomNumber(Random rnd) {
    return switch (rnd.nextInt(4)) {
      case 0 -> NumberValue.of(rnd.nextInt(21) - 10);
      case 1 -> NumberValue.of(rnd.nextLong());
      case 2 -> NumberValue.of(new BigDecimal(rnd.nextLong()).movePointLeft(rnd.nextInt(40) - 10));
      default -> NumberValue.of(new BigDecimal(rnd.nextLong()).multiply(BigDecimal.TEN.pow(25)));
    };
  }

  /** Mostly ASCII, with control characters, escapes, non-ASCII and (lone) surrogates mixed in. */
  private static String randomString(Random rnd) {
    char[] pool = {'a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\u0001', '\u001f', '\u007f', '\u00e9',
        '\u0800', '\uffff', '\uD83D', '\uDE00', '\u2028'};
    StringBuilder sb = new StringBuilder();
    int n = rnd.nextInt(12);
    for (int i = 0; i < n; i++) {
      sb.append(pool[rnd.nextInt(pool.length)]);
    }
    return sb.toString();
  }
}
