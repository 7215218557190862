package dev.mandate.pdp.decisionlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.JsonBytes;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The copy of a request's JSON text must log exactly what the value path would have. */
class RawJsonMaskerTest {
  private static final Masker MASKER = new Masker(List.of());
  private static final RawJsonMasker RAW = new RawJsonMasker();

  /** The copy's text and masked pointers, or null when it declined. */
  private record Copied(String text, List<String> masked) {}

  private static Copied copy(String json) {
    return copy(json.getBytes(StandardCharsets.UTF_8));
  }

  private static Copied copy(byte[] json) {
    JsonBytes out = new JsonBytes(16).raw('x');
    List<String> masked = new ArrayList<>(List.of("/before"));
    boolean ok = RAW.copy(json, "input", out, masked);
    String text = new String(out.toByteArray(), StandardCharsets.UTF_8);
    if (!ok) {
      assertEquals("x", text, "a declined copy leaves the output as it was");
      assertEquals(List.of("/before"), masked, "and the masked list");
      return null;
    }
    assertTrue(text.startsWith("x"));
    return new Copied(text.substring(1), masked.subList(1, masked.size()));
  }

  /** Asserts that the copy of {@code json} is the value path's masked input. */
  private static void assertSameAsValuePath(String json) {
    Copied c = copy(json);
    assertTrue(c != null, () -> "declined: " + json);
    Masker.Masked expected = MASKER.apply(Json.parse(json), null);
    assertEquals(expected.input(), Json.parse(c.text()), json);
    assertEquals(new HashSet<>(expected.masked()), new HashSet<>(c.masked()), json);
    assertEquals(expected.masked().size(), c.masked().size(), json);
    assertFalse(c.text().contains("\n") || c.text().contains(" :") || c.text().contains(", "),
        () -> "not compact: " + c.text());
  }

  @Test
  void keepsMemberOrderAndNumberSpellingAndDropsWhitespace() {
    Copied c = copy("{ \"z\" : 1.50 ,\n \"a\" : [ true , false , null , -2e3 ] , \"e\": {} ,"
        + " \"f\": [ ] }\n");
    assertEquals("{\"z\":1.50,\"a\":[true,false,null,-2e3],\"e\":{},\"f\":[]}", c.text());
    assertEquals(List.of(), c.masked());
  }

  @Test
  void masksAsTheValuePathDoes() {
    assertSameAsValuePath("""
        {"client_secret": "s", "Password": "p", "refresh_token": "opaque",
         "client_assertion": "x", "secrets": ["a", 2, {"n": "v"}, ["deep"], true, null],
         "pin_secret": 1234, "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
         "subject_token": {"sub": "alice", "raw": "%s", "aud": ["%s"]},
         "a/b~c": {"tokenish": 1}, "TOKEN": false}""".formatted(MaskerTest.JWT, MaskerTest.JWE));
    Copied c = copy("{\"a\": {\"b/c\": [\"x\", \"" + MaskerTest.JWT + "\"]}}");
    assertEquals(List.of("/input/a/b~1c/1"), c.masked());
    assertEquals("{\"a\":{\"b/c\":[\"x\",\"**REDACTED**\"]}}", c.text());
  }

  @Test
  void declinesWhatItDoesNotCopy() {
    List<String> declined = List.of(
        "{\"a\": \"caf\u00e9\"}",            // non-ASCII
        "{\"a\": \"\\u0065yJ\"}",            // an escape
        "{\"n\\u0061me\": 1}",               // an escape in a name
        "{\"a\": 1, \"b\": 2, \"a\": 3}",    // a repeated name: the evaluation saw only the last
        "{\"a\": 1} x",                       // trailing text
        "{\"a\": 1",                          // no end
        "\uFEFF{\"a\": 1}");                  // a byte order mark, which the parser skips
    for (String json : declined) {
      assertEquals(null, copy(json), json);
    }
    StringBuilder wide = new StringBuilder("{");
    for (int i = 0; i <= RawJsonMasker.MAX_MEMBERS; i++) {
      wide.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":").append(i);
    }
    assertEquals(null, copy(wide.append('}').toString()), "too many members to check for repeats");
    String deep = "[".repeat(RawJsonMasker.MAX_DEPTH + 1) + "]".repeat(RawJsonMasker.MAX_DEPTH + 1);
    assertEquals(null, copy(deep));
    assertEquals(null, copy("{\"a\": 1}".getBytes(StandardCharsets.UTF_16BE)), "UTF-16");
  }

  @Test
  void theSameNameInDifferentObjectsIsNoRepeat() {
    assertSameAsValuePath(
        "{\"a\": {\"x\": 1, \"y\": {\"x\": 2}}, \"x\": [{\"x\": 3}, {\"x\": 4}]}");
  }

  @Test
  void agreesWithTheValuePathOnRandomDocuments() {
    Random r = new Random(8693);
    for (int i = 0; i < 3000; i++) {
      StringBuilder sb = new StringBuilder();
      object(r, sb, 0);
      assertSameAsValuePath(sb.toString());
    }
  }

  @Test
  void encoderLogsTheSameInputFromTextAsFromTheValue() {
    String json = "{\"request\": {\"client_id\": \"c\", \"scope\": [\"a\"]},"
        + " \"subject_token\": {\"raw\": \"" + MaskerTest.JWT + "\","
        + " \"claims\": {\"sub\": \"s\"}}}";
    Value input = Json.parse(json);
    Value result = Json.parse("{\"allow\": true, \"t\": \"" + MaskerTest.JWE + "\"}");
    EventEncoder encoder = new EventEncoder(MASKER, Map.of());
    ObjectValue fromText = line(encoder, input, json.getBytes(StandardCharsets.UTF_8), result);
    ObjectValue fromValue = line(encoder, input, null, result);
    assertEquals(fromValue, fromText);
    assertEquals(Json.parse("[\"/input/subject_token/raw\", \"/result/t\"]"),
        fromText.get("masked"));

    // A pointer that erases part of the input needs the value: the text is not used.
    EventEncoder erasing = new EventEncoder(new Masker(List.of("/input/request")), Map.of());
    ObjectValue erased = line(erasing, input, json.getBytes(StandardCharsets.UTF_8), result);
    assertEquals(null, ((ObjectValue) erased.get("input")).get("request"));
  }

  private static ObjectValue line(EventEncoder encoder, Value input, byte[] text, Value result) {
    DecisionEvent e = new DecisionEvent("id", "p", input, text, result,
        text == null ? null : JsonBytes.encode(result), null, "rev", "addr", Instant.EPOCH,
        Map.of(), text == null ? 0 : text.length);
    return (ObjectValue) Json.parse(encoder.encode(e));
  }

  private static final String[] NAMES = {"sub", "aud", "scope", "access_token", "client_secret",
      "token_type", "subject_token_type", "password", "jwt_assertion", "Token", "claims", "act",
      "x", "a/b", "t~1"};

  private static void object(Random r, StringBuilder sb, int depth) {
    sb.append('{').append(space(r));
    List<String> names = new ArrayList<>(List.of(NAMES));
    java.util.Collections.shuffle(names, r);
    int n = r.nextInt(depth == 0 ? 6 : 4);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(',').append(space(r));
      }
      sb.append('"').append(names.get(i)).append('"').append(space(r)).append(':')
          .append(space(r));
      value(r, sb, depth + 1);
      sb.append(space(r));
    }
    sb.append('}');
  }

  private static void value(Random r, StringBuilder sb, int depth) {
    int k = r.nextInt(depth > 4 ? 6 : 8);
    switch (k) {
      case 0 -> sb.append('"').append(r.nextBoolean() ? MaskerTest.JWT : "eyJ.short").append('"');
      case 1 -> sb.append('"').append("v").append(r.nextInt(100)).append('"');
      case 2 -> sb.append(r.nextInt(2000) - 1000).append(r.nextBoolean() ? ".5" : "");
      case 3 -> sb.append(r.nextBoolean());
      case 4 -> sb.append("null");
      case 5 -> sb.append("\"\"");
      case 6 -> object(r, sb, depth);
      default -> {
        sb.append('[').append(space(r));
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            sb.append(',').append(space(r));
          }
          value(r, sb, depth + 1);
        }
        sb.append(space(r)).append(']');
      }
    }
  }

  private static String space(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> " ";
      case 1 -> "\n  ";
      case 2 -> "\t";
      default -> "";
    };
  }
}
