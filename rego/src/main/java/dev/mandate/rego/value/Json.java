package dev.mandate.rego.value;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON in and out of {@link Value}s through Jackson's streaming API. Numbers keep their exact
 * value; sets are written as arrays in OPA's order; objects are written with keys sorted, and
 * non-string keys written as their Rego text, as OPA does.
 */
public final class Json {
  /** Nesting deeper than this is refused: a JSON bomb must not exhaust the stack. */
  public static final int MAX_DEPTH = 1000;

  // Member names are interned (Jackson's default, stated here because the evaluator counts on
  // it: policies intern their strings too, so lookups of a policy's keys in a parsed document
  // compare by identity). Interned strings that nothing references are garbage collected.
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(JsonFactory.Feature.INTERN_FIELD_NAMES)
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          .maxNumberLength(10_000)
          .maxStringLength(64 * 1024 * 1024)
          .build())
      .build();

  private Json() {}

  /** Parses one JSON document; throws {@link JsonException} when the text is not valid JSON. */
  public static Value parse(String text) {
    try (JsonParser p = FACTORY.createParser(text)) {
      return parseDocument(p);
    } catch (IOException e) {
      throw new JsonException(cleanMessage(e), e);
    }
  }

  public static Value parse(InputStream in) {
    try (JsonParser p = FACTORY.createParser(in)) {
      return parseDocument(p);
    } catch (IOException e) {
      throw new JsonException(cleanMessage(e), e);
    }
  }

  /**
   * Parses one JSON document from UTF-8 bytes. Plain text (ASCII, strings without escapes) is
   * read by {@link PlainJsonParser}; anything it declines goes through Jackson.
   */
  public static Value parse(byte[] bytes) {
    Value plain = PlainJsonParser.tryParse(bytes);
    return plain != null ? plain : parseWithJackson(bytes);
  }

  /** {@link #parse(byte[])} through Jackson alone: the reference for {@link PlainJsonParser}. */
  static Value parseWithJackson(byte[] bytes) {
    try (JsonParser p = FACTORY.createParser(bytes)) {
      return parseDocument(p);
    } catch (IOException e) {
      throw new JsonException(cleanMessage(e), e);
    }
  }

  private static Value parseDocument(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new JsonException("empty JSON document", null);
    }
    Value v = read(p, t);
    if (p.nextToken() != null) {
      throw new JsonException("unexpected data after the JSON document", null);
    }
    return v;
  }

  private static String cleanMessage(IOException e) {
    String m = e.getMessage();
    if (m == null) {
      return "invalid JSON";
    }
    int nl = m.indexOf('\n');
    return nl > 0 ? m.substring(0, nl) : m;
  }

  private static Value read(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case VALUE_NULL -> NullValue.INSTANCE;
      case VALUE_TRUE -> BooleanValue.TRUE;
      case VALUE_FALSE -> BooleanValue.FALSE;
      case VALUE_STRING -> StringValue.of(p.getText());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> NumberValue.parse(p.getText());
      case START_ARRAY -> {
        List<Value> items = new ArrayList<>();
        JsonToken n;
        while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
          items.add(read(p, n));
        }
        yield ArrayValue.of(items);
      }
      case START_OBJECT -> {
        ObjectValue.Builder b = ObjectValue.builder();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          b.put(StringValue.of(name), read(p, p.nextToken()));
        }
        yield b.build();
      }
      default -> throw new JsonException("unexpected JSON token " + t, null);
    };
  }

  /** Compact JSON text. */
  public static String write(Value v) {
    StringWriter w = new StringWriter();
    write(v, w, false);
    return w.toString();
  }

  /** Indented JSON text (two spaces), as {@code opa eval} prints. */
  public static String writePretty(Value v) {
    StringWriter w = new StringWriter();
    write(v, w, true);
    return w.toString();
  }

  public static void write(Value v, Writer out, boolean pretty) {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      if (pretty) {
        // Two-space indent and "key": value, as OPA (Go's json.MarshalIndent) prints.
        com.fasterxml.jackson.core.util.Separators separators =
            com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        g.setPrettyPrinter(new com.fasterxml.jackson.core.util.DefaultPrettyPrinter(separators)
            .withObjectIndenter(new com.fasterxml.jackson.core.util.DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new com.fasterxml.jackson.core.util.DefaultIndenter("  ", "\n")));
      }
      writeValue(g, v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a value with an existing generator (used by services that stream larger documents). */
  public static void writeValue(JsonGenerator g, Value v) throws IOException {
    switch (v) {
      case NullValue n -> g.writeNull();
      case BooleanValue b -> g.writeBoolean(b.value());
      case NumberValue n -> g.writeNumber(n.toString());
      case StringValue s -> g.writeString(s.value());
      case ArrayValue a -> {
        g.writeStartArray();
        for (int i = 0; i < a.size(); i++) {
          writeValue(g, a.get(i));
        }
        g.writeEndArray();
      }
      case SetValue s -> {
        g.writeStartArray();
        for (Value e : s.sortedElements()) {
          writeValue(g, e);
        }
        g.writeEndArray();
      }
      case ObjectValue o -> {
        g.writeStartObject();
        Members m = members(o);
        for (int i = 0; i < m.keys().length; i++) {
          g.writeFieldName(((StringValue) m.keys()[i]).value());
          writeValue(g, m.values()[i]);
        }
        g.writeEndObject();
      }
    }
  }

  /** An object's members as JSON output lists them; every key is a {@link StringValue}. */
  record Members(Value[] keys, Value[] values) {}

  /**
   * The members in output order, for every writer of JSON: keys are strings (other keys become
   * their Rego text), sorted as OPA sorts them when it marshals (by code point). Keys that are
   * all strings are already in that order, and are returned as the object holds them.
   */
  static Members members(ObjectValue o) {
    Value[] keys = o.keys();
    if (allStrings(keys)) {
      return new Members(keys, o.valuesInKeyOrder());
    }
    java.util.TreeMap<String, Value> sorted = new java.util.TreeMap<>(Values::compareStrings);
    for (Value k : keys) {
      sorted.put(keyString(k), o.get(k));
    }
    Value[] outKeys = new Value[sorted.size()];
    Value[] outValues = new Value[sorted.size()];
    int i = 0;
    for (Map.Entry<String, Value> e : sorted.entrySet()) {
      outKeys[i] = StringValue.of(e.getKey());
      outValues[i++] = e.getValue();
    }
    return new Members(outKeys, outValues);
  }

  private static boolean allStrings(Value[] keys) {
    for (Value k : keys) {
      if (!(k instanceof StringValue)) {
        return false;
      }
    }
    return true;
  }

  private static String keyString(Value k) {
    return k instanceof StringValue s ? s.value() : Values.toRego(k);
  }

  /** The JSON string literal for {@code s}. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    appendQuoted(sb, s);
    return sb.toString();
  }

  /** Appends {@code s} as a JSON string literal, escaping as Go's encoding/json does. */
  public static void appendQuoted(StringBuilder sb, String s) {
    sb.append('"');
    int start = 0; // characters from here to i need no escape: appended in one go
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20) {
        sb.append(s, start, i);
        switch (c) {
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          case '\n' -> sb.append("\\n");
          case '\r' -> sb.append("\\r");
          case '\t' -> sb.append("\\t");
          default -> sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
        }
        start = i + 1;
      }
    }
    sb.append(s, start, s.length()).append('"');
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Thrown for text that is not valid JSON. */
  public static final class JsonException extends RuntimeException {
    public JsonException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
