package dev.mandate.rego.value;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Compact JSON written straight to UTF-8 bytes: for responses and decision log lines, where the
 * bytes are what goes out and a detour through characters (a {@code String} or a
 * {@code Writer}) would cost a second pass and a copy.
 *
 * <p>The bytes are exactly those of {@link Json#write(Value)} encoded as UTF-8: object members in
 * the same order, numbers in the same form, strings escaped the same way ({@code \"}, {@code \\},
 * {@code \b \t \n \f \r}, other control characters as {@code \}{@code u00XX}; everything else,
 * including non-ASCII, as is). A surrogate without its other half, which a Java string can hold
 * but UTF-8 cannot encode, is written as {@code ?}, as the JDK's UTF-8 encoder writes it. Tests
 * hold the two writers to each other.
 *
 * <p>An instance is a growable buffer; one JSON document may be assembled from several calls
 * ({@link #name}, {@link #value}, {@link #raw}) when the caller writes an envelope itself. Not
 * thread-safe.
 */
public final class JsonBytes {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

  /**
   * For each byte of a string's UTF-8 encoding, how it is escaped: 0 not at all, 'u' as
   * {@code \}{@code u00XX}, anything else as a backslash and that character.
   */
  private static final byte[] ESCAPES = new byte[256];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPES[c] = 'u';
    }
    ESCAPES['"'] = '"';
    ESCAPES['\\'] = '\\';
    ESCAPES['\b'] = 'b';
    ESCAPES['\t'] = 't';
    ESCAPES['\f'] = 'f';
    ESCAPES['\n'] = 'n';
    ESCAPES['\r'] = 'r';
  }

  private byte[] bytes;
  private int length;

  public JsonBytes(int initialCapacity) {
    bytes = new byte[Math.max(16, initialCapacity)];
  }

  private static final int SCRATCH_SIZE = 4096;
  /**
   * Each thread's scratch writer for {@link #encode}: the document is assembled there and copied
   * out once, at its final size, instead of growing a fresh buffer step by step.
   */
  private static final ThreadLocal<JsonBytes> SCRATCH =
      ThreadLocal.withInitial(() -> new JsonBytes(SCRATCH_SIZE));
  /** A scratch buffer grown past this by one large document is not kept. */
  private static final int SCRATCH_KEEP_MAX = 256 * 1024;

  /** The compact JSON encoding of {@code v} as UTF-8. */
  public static byte[] encode(Value v) {
    JsonBytes scratch = SCRATCH.get();
    byte[] out = scratch.reset().value(v).toByteArray();
    if (scratch.bytes.length > SCRATCH_KEEP_MAX) {
      scratch.bytes = new byte[SCRATCH_SIZE];
    }
    return out;
  }

  /** Appends {@code v} as JSON. */
  public JsonBytes value(Value v) {
    switch (v) {
      case NullValue n -> raw(NULL);
      case BooleanValue b -> raw(b.value() ? TRUE : FALSE);
      case NumberValue n -> number(n);
      case StringValue s -> string(s.value());
      case ArrayValue a -> {
        raw('[');
        for (int i = 0; i < a.size(); i++) {
          if (i > 0) {
            raw(',');
          }
          value(a.get(i));
        }
        raw(']');
      }
      case SetValue s -> {
        raw('[');
        Value[] elements = s.sortedElements();
        for (int i = 0; i < elements.length; i++) {
          if (i > 0) {
            raw(',');
          }
          value(elements[i]);
        }
        raw(']');
      }
      case ObjectValue o -> object(o);
    }
    return this;
  }

  /** Members in the order every JSON writer uses ({@link Json#members}). */
  private void object(ObjectValue o) {
    raw('{');
    Json.Members m = Json.members(o);
    for (int i = 0; i < m.keys().length; i++) {
      if (i > 0) {
        raw(',');
      }
      name(((StringValue) m.keys()[i]).value());
      value(m.values()[i]);
    }
    raw('}');
  }

  private void number(NumberValue n) {
    if (n.isLong() && n.longValue() != Long.MIN_VALUE) {
      digits(n.longValue()); // what NumberValue.toString() prints, without the String
    } else {
      ascii(n.toString());
    }
  }

  private void digits(long v) {
    ensure(20);
    if (v < 0) {
      bytes[length++] = '-';
      v = -v;
    }
    int start = length;
    do {
      bytes[length++] = (byte) ('0' + (v % 10));
      v /= 10;
    } while (v != 0);
    for (int i = start, j = length - 1; i < j; i++, j--) {
      byte t = bytes[i];
      bytes[i] = bytes[j];
      bytes[j] = t;
    }
  }

  /** Appends a member name and its colon. */
  public JsonBytes name(String name) {
    string(name);
    raw(':');
    return this;
  }

  /** Appends {@code s} as a JSON string literal. */
  public JsonBytes string(String s) {
    int n = s.length();
    ensure(n + 2);
    int start = length;
    bytes[length++] = '"';
    // Most strings (names, identifiers, codes) are ASCII: copied char by char, escaped where
    // needed, without encoding them into a temporary array first.
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        length = start;
        return encodedString(s);
      }
      byte esc = ESCAPES[c];
      if (esc == 0) {
        bytes[length++] = (byte) c;
      } else {
        escape((byte) c, esc);
        ensure(n - i); // the escape used more than this character's byte: reserve the rest again
      }
    }
    ensure(1);
    bytes[length++] = '"';
    return this;
  }

  /** A string with non-ASCII characters, through the JDK's UTF-8 encoder. */
  private JsonBytes encodedString(String s) {
    // The JDK's encoder writes an unpaired surrogate as '?', as the other JSON writer's
    // encoding does. Only ASCII can need escaping, and in UTF-8 every byte of a
    // multi-byte character is >= 0x80, so the escapes are found by looking at single bytes.
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    int n = utf8.length;
    ensure(n + 2);
    bytes[length++] = '"';
    int plain = 0;
    while (plain < n && ESCAPES[utf8[plain] & 0xFF] == 0) {
      plain++;
    }
    System.arraycopy(utf8, 0, bytes, length, plain);
    length += plain;
    if (plain < n) {
      escaped(utf8, plain);
    }
    ensure(1);
    bytes[length++] = '"';
    return this;
  }

  /** The rest of a string's UTF-8 bytes, from the first one that needs an escape. */
  private void escaped(byte[] utf8, int from) {
    for (int i = from; i < utf8.length; i++) {
      byte b = utf8[i];
      byte esc = ESCAPES[b & 0xFF];
      if (esc == 0) {
        ensure(1);
        bytes[length++] = b;
      } else {
        escape(b, esc);
      }
    }
  }

  /** One byte that needs escaping: {@code esc} is its {@link #ESCAPES} entry. */
  private void escape(byte b, byte esc) {
    if (esc == 'u') {
      ensure(6);
      bytes[length++] = '\\';
      bytes[length++] = 'u';
      bytes[length++] = '0';
      bytes[length++] = '0';
      bytes[length++] = HEX[b >> 4];
      bytes[length++] = HEX[b & 0xF];
    } else {
      ensure(2);
      bytes[length++] = '\\';
      bytes[length++] = esc;
    }
  }

  /** Appends one ASCII character as is (a bracket, a comma). */
  public JsonBytes raw(char c) {
    ensure(1);
    bytes[length++] = (byte) c;
    return this;
  }

  /** Appends {@code length} bytes of {@code b} from {@code offset}: text that is already JSON. */
  public JsonBytes bytes(byte[] b, int offset, int length) {
    ensure(length);
    System.arraycopy(b, offset, bytes, this.length, length);
    this.length += length;
    return this;
  }

  private void raw(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, bytes, length, b.length);
    length += b.length;
  }

  /** Appends text known to be ASCII and to need no escaping (a number). */
  private void ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[length++] = (byte) s.charAt(i);
    }
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }

  /** The number of bytes written so far. */
  public int length() {
    return length;
  }

  /** A copy of the bytes written so far. */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  /**
   * The bytes written so far are the first {@link #length()} of this array. It is this writer's
   * own buffer, valid until the next write or {@link #reset()}.
   */
  public byte[] buffer() {
    return bytes;
  }

  /** Drops everything written after the first {@code length} bytes. */
  public JsonBytes truncate(int length) {
    if (length < 0 || length > this.length) {
      throw new IllegalArgumentException("cannot truncate " + this.length + " bytes to " + length);
    }
    this.length = length;
    return this;
  }

  /** Empties this writer for reuse, keeping its buffer. */
  public JsonBytes reset() {
    length = 0;
    return this;
  }
}
