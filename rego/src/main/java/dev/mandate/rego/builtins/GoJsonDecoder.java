package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text as Go's {@code encoding/json} does for OPA: {@code json.Valid} for
 * {@code json.is_valid}, and a {@code json.Decoder} with {@code UseNumber} followed by OPA's
 * check for trailing data for {@code json.unmarshal}.
 *
 * <p>It is written iteratively with an explicit stack so that deeply nested input ends in Go's
 * {@code exceeded max depth} error (Go's limit of 10000 levels) rather than a stack overflow.
 * Error messages use Go's wording ({@code invalid character 'x' looking for beginning of
 * value}, {@code unexpected EOF}). Strings decode as Go decodes them: a {@code \\u} escape of an
 * unpaired surrogate becomes U+FFFD.
 */
final class GoJsonDecoder {
  /** Go's scanner refuses nesting deeper than this. */
  static final int MAX_DEPTH = 10_000;

  private final String text;
  private final boolean build;
  private int pos;

  private GoJsonDecoder(String text, boolean build) {
    this.text = text;
    this.build = build;
  }

  /** Thrown with Go's message. */
  static final class JsonSyntaxException extends Exception {
    JsonSyntaxException(String message) {
      super(message, null, false, false);
    }
  }

  /** Go's {@code json.Valid}: exactly one JSON value, optionally surrounded by whitespace. */
  static boolean valid(String text) {
    GoJsonDecoder d = new GoJsonDecoder(text, false);
    try {
      d.skipWhitespace();
      d.readValue();
      d.skipWhitespace();
      return d.pos == text.length();
    } catch (JsonSyntaxException e) {
      return false;
    }
  }

  /** OPA's {@code util.UnmarshalJSON}: the first value, refusing a further value after it. */
  static Value unmarshal(String text) throws JsonSyntaxException {
    GoJsonDecoder d = new GoJsonDecoder(text, true);
    d.skipWhitespace();
    if (d.pos == text.length()) {
      throw new JsonSyntaxException("EOF");
    }
    Value v = d.readValue();
    d.checkTrailing();
    return v;
  }

  /**
   * Mirrors OPA reading one more token after the value: nothing (or only whitespace) is fine,
   * a syntax error is reported as such, a further token is reported by its text. A trailing
   * {@code null} reads as Go's nil token and so, as in OPA, is accepted.
   */
  private void checkTrailing() throws JsonSyntaxException {
    skipWhitespace();
    if (pos == text.length()) {
      return;
    }
    char c = text.charAt(pos);
    String token;
    switch (c) {
      case '{', '[' -> token = String.valueOf(c);
      case '"', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 't', 'f', 'n' -> {
        int start = pos;
        Value v = readScalar(c);
        if (v instanceof NullValue) {
          return;
        }
        token = v instanceof StringValue s ? s.value() : text.substring(start, pos);
      }
      default -> throw invalid(c, "looking for beginning of value");
    }
    throw new JsonSyntaxException("error: invalid character '" + token + "' after top-level value");
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else {
        return;
      }
    }
  }

  private JsonSyntaxException eof() {
    return new JsonSyntaxException("unexpected EOF");
  }

  private char peek() throws JsonSyntaxException {
    if (pos >= text.length()) {
      throw eof();
    }
    return text.charAt(pos);
  }

  /** Go's {@code invalid character 'c' context}, naming the first byte of {@code c}'s UTF-8 form. */
  static JsonSyntaxException invalid(char c, String context) {
    int b = c < 0x80 ? c : String.valueOf(c).getBytes(StandardCharsets.UTF_8)[0] & 0xFF;
    String quoted;
    if (b == '\'') {
      quoted = "'\\''";
    } else if (b == '"') {
      quoted = "'\"'";
    } else {
      String q = GoUrlQuery.goQuote(String.valueOf((char) b));
      quoted = "'" + q.substring(1, q.length() - 1) + "'";
    }
    return new JsonSyntaxException("invalid character " + quoted + " " + context);
  }

  /** A container being filled. */
  private static final class Frame {
    final List<Value> items; // for arrays
    final Map<Value, Value> members; // for objects
    String key;

    Frame(boolean object) {
      items = object ? null : new ArrayList<>();
      members = object ? new HashMap<>() : null;
    }
  }

  private Value readValue() throws JsonSyntaxException {
    ArrayDeque<Frame> stack = new ArrayDeque<>();
    while (true) {
      Value value;
      char c = peek();
      if (c == '{' || c == '[') {
        if (stack.size() + 1 > MAX_DEPTH) {
          throw new JsonSyntaxException("exceeded max depth");
        }
        pos++;
        skipWhitespace();
        char d = peek();
        if (c == '{') {
          if (d == '}') {
            pos++;
            value = ObjectValue.EMPTY;
          } else {
            Frame f = new Frame(true);
            f.key = readKey();
            stack.push(f);
            continue;
          }
        } else if (d == ']') {
          pos++;
          value = ArrayValue.EMPTY;
        } else {
          stack.push(new Frame(false));
          continue;
        }
      } else {
        value = readScalar(c);
      }
      // A value is complete: hand it to the enclosing containers, closing those that end here.
      while (true) {
        Frame f = stack.peek();
        if (f == null) {
          return value;
        }
        if (build) {
          if (f.items != null) {
            f.items.add(value);
          } else {
            f.members.put(StringValue.of(f.key), value);
          }
        }
        skipWhitespace();
        char d = peek();
        if (f.items != null) {
          if (d == ',') {
            pos++;
            skipWhitespace();
            break;
          }
          if (d != ']') {
            throw invalid(d, "after array element");
          }
          pos++;
          stack.pop();
          value = build ? ArrayValue.of(f.items) : NullValue.INSTANCE;
        } else {
          if (d == ',') {
            pos++;
            skipWhitespace();
            f.key = readKey();
            break;
          }
          if (d != '}') {
            throw invalid(d, "after object key:value pair");
          }
          pos++;
          stack.pop();
          value = build ? ObjectValue.wrap(f.members) : NullValue.INSTANCE;
        }
      }
    }
  }

  /** An object key and its colon, leaving the position at the start of the member's value. */
  private String readKey() throws JsonSyntaxException {
    char c = peek();
    if (c != '"') {
      throw invalid(c, "looking for beginning of object key string");
    }
    String key = readString();
    skipWhitespace();
    char d = peek();
    if (d != ':') {
      throw invalid(d, "after object key");
    }
    pos++;
    skipWhitespace();
    return key;
  }

  private Value readScalar(char c) throws JsonSyntaxException {
    return switch (c) {
      case '"' -> StringValue.of(readString());
      case 't' -> literal("true", BooleanValue.TRUE);
      case 'f' -> literal("false", BooleanValue.FALSE);
      case 'n' -> literal("null", NullValue.INSTANCE);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield readNumber();
        }
        throw invalid(c, "looking for beginning of value");
      }
    };
  }

  private Value literal(String word, Value v) throws JsonSyntaxException {
    for (int i = 0; i < word.length(); i++) {
      char c = peek();
      if (c != word.charAt(i)) {
        throw invalid(c, "in literal " + word + " (expecting '" + word.charAt(i) + "')");
      }
      pos++;
    }
    return v;
  }

  private Value readNumber() throws JsonSyntaxException {
    int start = pos;
    if (text.charAt(pos) == '-') {
      pos++;
      char c = peek();
      if (c < '0' || c > '9') {
        throw invalid(c, "in numeric literal");
      }
    }
    if (text.charAt(pos) == '0') {
      pos++;
    } else {
      skipDigits();
    }
    if (pos < text.length() && text.charAt(pos) == '.') {
      pos++;
      char c = peek();
      if (c < '0' || c > '9') {
        throw invalid(c, "after decimal point in numeric literal");
      }
      skipDigits();
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      pos++;
      char c = peek();
      if (c == '+' || c == '-') {
        pos++;
        c = peek();
      }
      if (c < '0' || c > '9') {
        throw invalid(c, "in exponent of numeric literal");
      }
      skipDigits();
    }
    if (!build) {
      return NullValue.INSTANCE;
    }
    try {
      return NumberValue.parse(text.substring(start, pos));
    } catch (NumberFormatException | ArithmeticException e) {
      // BigDecimal cannot hold exponents beyond int range; Go keeps such literals as text.
      throw new JsonSyntaxException("number " + text.substring(start, pos) + " is out of range");
    }
  }

  private void skipDigits() {
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
  }

  private String readString() throws JsonSyntaxException {
    pos++; // opening quote
    StringBuilder sb = build ? new StringBuilder() : null;
    while (true) {
      char c = peek();
      pos++;
      if (c == '"') {
        return build ? sb.toString() : "";
      }
      if (c < 0x20) {
        throw invalid(c, "in string literal");
      }
      if (c != '\\') {
        if (build) {
          if (Character.isHighSurrogate(c) && pos < text.length() && Character.isLowSurrogate(text.charAt(pos))) {
            sb.append(c).append(text.charAt(pos++));
          } else {
            sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
          }
        }
        continue;
      }
      char e = peek();
      pos++;
      char out;
      switch (e) {
        case '"', '\\', '/' -> out = e;
        case 'b' -> out = '\b';
        case 'f' -> out = '\f';
        case 'n' -> out = '\n';
        case 'r' -> out = '\r';
        case 't' -> out = '\t';
        case 'u' -> {
          int r = readHex4();
          if (Character.isHighSurrogate((char) r) && lowSurrogateEscapeFollows()) {
            pos += 2;
            int low = readHex4();
            if (build) {
              sb.append((char) r).append((char) low);
            }
            continue;
          }
          out = Character.isSurrogate((char) r) ? '\uFFFD' : (char) r;
        }
        default -> throw invalid(e, "in string escape code");
      }
      if (build) {
        sb.append(out);
      }
    }
  }

  /** True when a {@code \\uXXXX} escape of a low surrogate starts at the position. */
  private boolean lowSurrogateEscapeFollows() {
    if (pos + 6 > text.length() || text.charAt(pos) != '\\' || text.charAt(pos + 1) != 'u') {
      return false;
    }
    int v = 0;
    for (int i = pos + 2; i < pos + 6; i++) {
      int h = hex(text.charAt(i));
      if (h < 0) {
        return false;
      }
      v = v * 16 + h;
    }
    return Character.isLowSurrogate((char) v);
  }

  private int readHex4() throws JsonSyntaxException {
    int v = 0;
    for (int i = 0; i < 4; i++) {
      char c = peek();
      int h = hex(c);
      if (h < 0) {
        throw invalid(c, "in \\u hexadecimal character escape");
      }
      v = v * 16 + h;
      pos++;
    }
    return v;
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
