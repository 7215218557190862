package dev.mandate.rego.value;

/**
 * Finds where a plain JSON string ends in UTF-8 text: one of printable ASCII (space to DEL)
 * without a quote or a backslash, which can be taken as it is, without decoding. Shared by the
 * readers that take such strings straight from request text: {@link PlainJsonParser} and the
 * decision log's copier.
 */
public final class PlainStrings {
  private PlainStrings() {}

  /** The bytes a plain string holds: ASCII from space on, but the quote and the backslash. */
  private static final boolean[] PLAIN = new boolean[256];

  static {
    for (int b = 0x20; b <= 0x7F; b++) {
      PLAIN[b] = b != '"' && b != '\\';
    }
  }

  /**
   * The position of the quote that closes the string whose content starts at {@code start}, or
   * -1 when an escape, a control character or a byte outside ASCII comes first, or nothing
   * closes it before {@code limit}.
   */
  public static int end(byte[] text, int start, int limit) {
    for (int i = start; i < limit; i++) {
      byte c = text[i];
      if (!PLAIN[c & 0xFF]) {
        return c == '"' ? i : -1;
      }
    }
    return -1;
  }
}
