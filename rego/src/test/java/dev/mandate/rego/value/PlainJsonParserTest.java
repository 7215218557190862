package dev.mandate.rego.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PlainJsonParser} must give exactly Jackson's value for every document it accepts, and
 * accept nothing Jackson rejects: it is checked against {@link Json#parseWithJackson} on
 * generated documents, on those documents with one byte changed, and on explicit cases.
 */
class PlainJsonParserTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Parity with Jackson where both accept; a decline wherever Jackson rejects. */
  private static void assertAgreesWithJackson(byte[] text) {
    Value plain = PlainJsonParser.tryParse(text);
    Value jackson;
    try {
      jackson = Json.parseWithJackson(text);
    } catch (Json.JsonException e) {
      assertNull(plain, () -> "accepted what Jackson rejects: " + new String(text, StandardCharsets.UTF_8));
      return;
    }
    if (plain != null) {
      assertEquals(jackson, plain, () -> new String(text, StandardCharsets.UTF_8));
      assertEquals(Json.write(jackson), Json.write(plain));
      assertEquals(jackson.toString(), plain.toString());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{}", "[]", "0", "-0", "1E+5", "0.5e-3", "-12.25E2", "123456789012345678901234567890",
      "true", "false", "null", "\"\"", "\" spaces and ~ punctuation {}[],: \"",
      " {\"a\" : [ true , false , null ] } ", "\t\r\n[1,\n2]\n",
      "{\"a\":1,\"a\":2}", "{\"b\":{},\"a\":[[],[{}]]}", "\"del \u007f is printable\"",
  })
  void acceptsPlainDocumentsWithJacksonsValue(String doc) {
    assertNotNull(PlainJsonParser.tryParse(bytes(doc)), doc);
    assertAgreesWithJackson(bytes(doc));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "  ", "01", "-", "1.", ".5", "+1", "1e", "1e+", "NaN", "tru", "nul", "falsey", "[1,]",
      "{\"a\":1,}", "{,}", "[,1]", "{\"a\"}", "{\"a\":}", "{a:1}", "{'a':1}", "[1 2]", "{} x",
      "[] []", "\"unterminated", "\"tab\there\"", "\"a\\nb\"", "\"\\u0041\"", "\"caf\u00e9\"",
      "\ufeff{}", "/* c */ {}", "[1]//", "\u00a0[]",
  })
  void declinesAnythingElse(String doc) {
    assertNull(PlainJsonParser.tryParse(bytes(doc)), doc);
    assertAgreesWithJackson(bytes(doc));
  }

  @Test
  void leavesDeepNestingAndLongNumbersToJackson() {
    int d = PlainJsonParser.MAX_DEPTH;
    assertNotNull(PlainJsonParser.tryParse(bytes("[".repeat(d) + "]".repeat(d))));
    assertNull(PlainJsonParser.tryParse(bytes("[".repeat(d + 1) + "]".repeat(d + 1))));
    String longNumber = "9".repeat(PlainJsonParser.MAX_NUMBER_LENGTH + 1);
    assertNull(PlainJsonParser.tryParse(bytes(longNumber)));
    assertEquals(Json.parseWithJackson(bytes(longNumber)), Json.parse(bytes(longNumber)));
  }

  @Test
  void memberNamesAreInternedAsOnJacksonsPath() {
    String name = new String("requested_ttl_seconds".toCharArray()); // not the literal itself
    ObjectValue o = (ObjectValue) PlainJsonParser.tryParse(bytes("{\"" + name + "\":1}"));
    assertSame("requested_ttl_seconds", ((StringValue) o.keys()[0]).value());
    // A second document gets the same instance, from the cache this time.
    ObjectValue again = (ObjectValue) PlainJsonParser.tryParse(bytes("{\"" + name + "\":2}"));
    assertSame("requested_ttl_seconds", ((StringValue) again.keys()[0]).value());
  }

  @Test
  void aNameAPolicyUsesIsThatPolicysOwnValue() {
    StringValue constant = CanonicalStrings.register("only_in_this_test_" + "canonical");
    ObjectValue o = (ObjectValue) PlainJsonParser.tryParse(bytes("{\"only_in_this_test_canonical\":1}"));
    assertSame(constant, o.keys()[0]);
    assertEquals(0, o.position(constant, 0));
    // A name no policy uses is a value of its own, and is found by value.
    ObjectValue other = (ObjectValue) PlainJsonParser.tryParse(bytes("{\"only_in_this_test_other\":1}"));
    assertEquals(0, other.position(StringValue.of(new String("only_in_this_test_other".toCharArray())), 0));
  }

  @Test
  void agreesWithJacksonOnGeneratedDocumentsAndOnEveryOneByteChange() {
    Random random = new Random(8693);
    int accepted = 0;
    for (int n = 0; n < 3000; n++) {
      StringBuilder sb = new StringBuilder();
      generate(random, sb, 0);
      byte[] doc = bytes(sb.toString());
      assertAgreesWithJackson(doc);
      if (PlainJsonParser.tryParse(doc) != null) {
        accepted++;
      }
      for (int m = 0; m < 5 && doc.length > 0; m++) {
        assertAgreesWithJackson(mutate(random, doc));
      }
    }
    assertTrue(accepted > 1000, "most generated documents are plain: " + accepted);
  }

  private static final String[] NUMBERS = {
      "0", "-0", "7", "-42", "3.25", "1e3", "1E-3", "-2.5e+10", "100000000000000000000000", "0.000001",
  };
  private static final String[] STRINGS = {
      "", "a", "file-service", "urn:ietf:params:oauth:grant-type:token-exchange", "with space",
      "brackets [] {} , :", "esc\\\"aped", "new\\nline", "\\u00e9", "caf\u00e9", "emoji \uD83D\uDE00",
  };
  private static final String[] NAMES = {"sub", "scope", "aud", "claims", "a", "b", "sub", "x_y", "caf\u00e9"};

  private static void generate(Random r, StringBuilder sb, int depth) {
    int kind = depth > 4 ? 2 + r.nextInt(4) : r.nextInt(6);
    ws(r, sb);
    switch (kind) {
      case 0 -> {
        sb.append('{');
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            sb.append(',');
          }
          ws(r, sb);
          sb.append('"').append(NAMES[r.nextInt(r.nextInt(10) == 0 ? NAMES.length : NAMES.length - 1)]).append('"');
          ws(r, sb);
          sb.append(':');
          generate(r, sb, depth + 1);
        }
        ws(r, sb);
        sb.append('}');
      }
      case 1 -> {
        sb.append('[');
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            sb.append(',');
          }
          generate(r, sb, depth + 1);
        }
        ws(r, sb);
        sb.append(']');
      }
      case 2 -> sb.append(NUMBERS[r.nextInt(NUMBERS.length)]);
      case 3 -> {
        // Mostly plain strings, now and then one with an escape or outside ASCII.
        int pick = r.nextInt(8) == 0 ? r.nextInt(STRINGS.length) : r.nextInt(6);
        sb.append('"').append(STRINGS[pick]).append('"');
      }
      case 4 -> sb.append(r.nextBoolean() ? "true" : "false");
      default -> sb.append("null");
    }
    ws(r, sb);
  }

  private static void ws(Random r, StringBuilder sb) {
    if (r.nextInt(3) == 0) {
      sb.append(" \t\n\r".charAt(r.nextInt(4)));
    }
  }

  /** The document with one byte deleted, inserted or replaced by one JSON gives meaning to. */
  private static byte[] mutate(Random r, byte[] doc) {
    byte[] alphabet = bytes("{}[],:\"\\ 0123456789-+.eEtfnulasr\u0001x");
    int at = r.nextInt(doc.length);
    byte b = alphabet[r.nextInt(alphabet.length)];
    return switch (r.nextInt(3)) {
      case 0 -> {
        byte[] out = new byte[doc.length - 1];
        System.arraycopy(doc, 0, out, 0, at);
        System.arraycopy(doc, at + 1, out, at, doc.length - at - 1);
        yield out;
      }
      case 1 -> {
        byte[] out = new byte[doc.length + 1];
        System.arraycopy(doc, 0, out, 0, at);
        out[at] = b;
        System.arraycopy(doc, at, out, at + 1, doc.length - at);
        yield out;
      }
      default -> {
        byte[] out = doc.clone();
        out[at] = b;
        yield out;
      }
    };
  }
}
