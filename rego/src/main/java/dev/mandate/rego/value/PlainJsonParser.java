package dev.mandate.rego.value;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A parser for the JSON that services receive most: ASCII text whose strings have no escapes.
 * It reads such text straight into values, without a token stream in between, and declines
 * (returns null) on anything else: an escape, a byte outside printable ASCII in a string, a
 * number longer than {@link #MAX_NUMBER_LENGTH}, nesting deeper than {@link #MAX_DEPTH}, or any
 * syntax error. {@link Json#parse(byte[])} then hands the text to Jackson, so a document this
 * class accepts gives exactly the value Jackson's path gives, and every error message is
 * Jackson's.
 *
 * <p>What it accepts follows RFC 8259's grammar exactly, no more: no comments, no trailing
 * commas, no leading zeros, no {@code NaN}, only space, tab, line feed and carriage return
 * between tokens. Member names are interned, as Jackson's path interns them (see {@link Json}),
 * and a name that a policy uses as a constant is that constant's own value ({@link
 * CanonicalStrings}).
 */
final class PlainJsonParser {
  /** Deeper documents are left to Jackson, whose own limit is {@link Json#MAX_DEPTH}. */
  static final int MAX_DEPTH = 64;
  /** Longer numbers are left to Jackson, which enforces the configured maximum. */
  static final int MAX_NUMBER_LENGTH = 64;

  private final byte[] text;
  private final int end;
  private int pos;
  /** Members and elements of the containers being read, innermost last. */
  private Value[] stack = new Value[32];
  private int top;

  private PlainJsonParser(byte[] text, int start, int end) {
    this.text = text;
    this.pos = start;
    this.end = end;
  }

  /** The document's value, or null when this parser declines the text. */
  static Value tryParse(byte[] text) {
    PlainJsonParser p = new PlainJsonParser(text, 0, text.length);
    p.skipWhitespace();
    Value v = p.value(0);
    if (v == null) {
      return null;
    }
    p.skipWhitespace();
    return p.pos == p.end ? v : null;
  }

  private Value value(int depth) {
    if (pos >= end) {
      return null;
    }
    return switch (text[pos]) {
      case '{' -> depth < MAX_DEPTH ? object(depth + 1) : null;
      case '[' -> depth < MAX_DEPTH ? array(depth + 1) : null;
      case '"' -> {
        String s = string();
        yield s == null ? null : StringValue.of(s);
      }
      case 't' -> literal("true", BooleanValue.TRUE);
      case 'f' -> literal("false", BooleanValue.FALSE);
      case 'n' -> literal("null", NullValue.INSTANCE);
      default -> number();
    };
  }

  private Value object(int depth) {
    int base = top;
    if (opensEmpty((byte) '}')) {
      return ObjectValue.builder(0).build();
    }
    while (true) {
      if (pos >= end || text[pos] != '"') {
        return null;
      }
      StringValue name = name();
      if (name == null) {
        return null;
      }
      skipWhitespace();
      if (pos >= end || text[pos] != ':') {
        return null;
      }
      pos++;
      skipWhitespace();
      Value v = value(depth);
      if (v == null) {
        return null;
      }
      push(name);
      push(v);
      int next = separator((byte) '}');
      if (next == INVALID) {
        return null;
      }
      if (next == CLOSED) {
        break;
      }
    }
    ObjectValue.Builder b = ObjectValue.builder((top - base) / 2);
    for (int i = base; i < top; i += 2) {
      b.put(stack[i], stack[i + 1]);
    }
    pop(base);
    return b.build();
  }

  private Value array(int depth) {
    int base = top;
    if (opensEmpty((byte) ']')) {
      return ArrayValue.EMPTY;
    }
    while (true) {
      Value v = value(depth);
      if (v == null) {
        return null;
      }
      push(v);
      int next = separator((byte) ']');
      if (next == INVALID) {
        return null;
      }
      if (next == CLOSED) {
        break;
      }
    }
    Value[] items = Arrays.copyOfRange(stack, base, top);
    pop(base);
    return ArrayValue.wrap(items);
  }

  /**
   * Steps over the opening bracket at {@code pos} and the whitespace after it; true, with
   * {@code close} stepped over too, when the container is empty.
   */
  private boolean opensEmpty(byte close) {
    pos++;
    skipWhitespace();
    if (pos < end && text[pos] == close) {
      pos++;
      return true;
    }
    return false;
  }

  /** What follows a member or an element: see {@link #separator}. */
  private static final int MORE = 0;
  private static final int CLOSED = 1;
  private static final int INVALID = -1;

  /**
   * Reads what follows a member or an element: a comma and the whitespace after it
   * ({@link #MORE}), the container's closing bracket ({@link #CLOSED}), or anything else
   * ({@link #INVALID}).
   */
  private int separator(byte close) {
    skipWhitespace();
    if (pos >= end) {
      return INVALID;
    }
    byte c = text[pos++];
    if (c == close) {
      return CLOSED;
    }
    if (c != ',') {
      return INVALID;
    }
    skipWhitespace();
    return MORE;
  }

  /** The string at {@code pos} (its opening quote), or null for one this parser declines. */
  private String string() {
    int start = pos + 1;
    int close = plainStringEnd(start);
    if (close < 0) {
      return null;
    }
    pos = close + 1;
    return new String(text, start, close - start, StandardCharsets.ISO_8859_1);
  }

  /** A member name, through {@link NameCache}. */
  private StringValue name() {
    int start = pos + 1;
    int close = plainStringEnd(start);
    if (close < 0) {
      return null;
    }
    pos = close + 1;
    return NameCache.get(text, start, close - start);
  }

  /** The position of the quote that closes a string starting at {@code start}, or -1. */
  private int plainStringEnd(int start) {
    return PlainStrings.end(text, start, end);
  }

  private Value literal(String word, Value v) {
    int n = word.length();
    if (end - pos < n) {
      return null;
    }
    for (int i = 0; i < n; i++) {
      if (text[pos + i] != word.charAt(i)) {
        return null;
      }
    }
    pos += n;
    return v;
  }

  /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, spelt as the text spells it. */
  private Value number() {
    int start = pos;
    int i = pos;
    if (i < end && text[i] == '-') {
      i++;
    }
    if (i >= end || !isDigit(text[i])) {
      return null;
    }
    if (text[i] == '0') {
      i++;
      if (i < end && isDigit(text[i])) {
        return null; // a leading zero
      }
    } else {
      i = digits(i);
    }
    if (i < end && text[i] == '.') {
      i++;
      if (i >= end || !isDigit(text[i])) {
        return null;
      }
      i = digits(i);
    }
    if (i < end && (text[i] == 'e' || text[i] == 'E')) {
      i++;
      if (i < end && (text[i] == '+' || text[i] == '-')) {
        i++;
      }
      if (i >= end || !isDigit(text[i])) {
        return null;
      }
      i = digits(i);
    }
    if (i - start > MAX_NUMBER_LENGTH) {
      return null;
    }
    pos = i;
    return NumberValue.parse(new String(text, start, i - start, StandardCharsets.ISO_8859_1));
  }

  private int digits(int i) {
    while (i < end && isDigit(text[i])) {
      i++;
    }
    return i;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private void skipWhitespace() {
    while (pos < end) {
      byte c = text[pos];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  private void push(Value v) {
    if (top == stack.length) {
      stack = Arrays.copyOf(stack, top * 2);
    }
    stack[top++] = v;
  }

  private void pop(int base) {
    Arrays.fill(stack, base, top, null);
    top = base;
  }

  /**
   * Interned member names by the hash of their bytes: a document's names are mostly the same
   * few dozen from one request to the next, and a hit costs a hash and a comparison where
   * {@link String#intern} would cost a lookup in the JVM's string table. Entries are replaced
   * when two names share a slot; a racing reader sees either entry, and checks it. A name
   * cached before a policy registered it stays a value of its own until its slot is reused:
   * lookups of it are then by value, as they are for Jackson's documents.
   */
  static final class NameCache {
    private static final int SIZE = 1024;
    /** Longer names are interned without being cached. */
    private static final int MAX_LENGTH = 64;
    private static final Entry[] ENTRIES = new Entry[SIZE];

    /** A name and its bytes, replaced together so that a reader never pairs one with another's. */
    private record Entry(StringValue name, byte[] bytes) {}

    private NameCache() {}

    static StringValue get(byte[] text, int start, int length) {
      if (length > MAX_LENGTH) {
        return CanonicalStrings.of(new String(text, start, length, StandardCharsets.ISO_8859_1).intern());
      }
      int h = 0;
      for (int i = start; i < start + length; i++) {
        h = 31 * h + text[i];
      }
      int slot = (h ^ (h >>> 10)) & (SIZE - 1);
      Entry cached = ENTRIES[slot];
      if (cached != null
          && Arrays.equals(cached.bytes, 0, cached.bytes.length, text, start, start + length)) {
        return cached.name;
      }
      byte[] bytes = Arrays.copyOfRange(text, start, start + length);
      StringValue name = CanonicalStrings.of(new String(bytes, StandardCharsets.ISO_8859_1).intern());
      ENTRIES[slot] = new Entry(name, bytes);
      return name;
    }
  }
}
