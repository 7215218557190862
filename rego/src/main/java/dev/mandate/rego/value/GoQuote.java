package dev.mandate.rego.value;

/**
 * Go's {@code strconv} quoting ({@code Quote}, {@code QuoteToASCII}, {@code QuoteRune},
 * {@code CanBackquote}) over Java strings. {@code sprintf}'s {@code %q} verb and OPA's printing
 * of string terms both use these rules, which differ from JSON escaping: control characters
 * become {@code \x01}, {@code \a} and {@code \v} have short forms, and non-printable code points
 * use the long escapes (backslash-u, backslash-U).
 *
 * <p>A Java string may hold a lone surrogate, which has no UTF-8 form; Go would have seen the
 * replacement character U+FFFD in its place (that is what its JSON decoder produces), so that
 * is what is printed.
 */
public final class GoQuote {
  private GoQuote() {}

  /** {@code strconv.Quote}: a double-quoted Go string literal. */
  public static String quote(String s) {
    return quoteWith(s, '"', false);
  }

  /** {@code strconv.QuoteToASCII}: like {@link #quote} with every non-ASCII code point escaped. */
  public static String quoteToAscii(String s) {
    return quoteWith(s, '"', true);
  }

  /** {@code strconv.QuoteRune} / {@code QuoteRuneToASCII}: a single-quoted rune literal. */
  public static String quoteRune(int r, boolean asciiOnly) {
    if (!Character.isValidCodePoint(r) || (r >= 0xD800 && r <= 0xDFFF)) {
      r = 0xFFFD;
    }
    StringBuilder sb = new StringBuilder();
    sb.append('\'');
    appendEscapedRune(sb, r, '\'', asciiOnly);
    sb.append('\'');
    return sb.toString();
  }

  /** {@code strconv.CanBackquote}: whether {@code s} can be written as a raw `string`. */
  public static boolean canBackquote(String s) {
    for (int i = 0; i < s.length(); ) {
      int r = s.codePointAt(i);
      i += Character.charCount(r);
      if (r >= 0xD800 && r <= 0xDFFF) {
        return false; // no valid UTF-8 form
      }
      if ((r < ' ' && r != '\t') || r == '`' || r == 0x7F || r == 0xFEFF) {
        return false;
      }
    }
    return true;
  }

  /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and ASCII space. */
  public static boolean isPrint(int r) {
    if (r == ' ') {
      return true;
    }
    return switch (Character.getType(r)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
      default -> false;
    };
  }

  private static String quoteWith(String s, char quote, boolean asciiOnly) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    sb.append(quote);
    for (int i = 0; i < s.length(); ) {
      int r = s.codePointAt(i);
      i += Character.charCount(r);
      if (r >= 0xD800 && r <= 0xDFFF) {
        r = 0xFFFD;
      }
      appendEscapedRune(sb, r, quote, asciiOnly);
    }
    sb.append(quote);
    return sb.toString();
  }

  private static void appendEscapedRune(StringBuilder sb, int r, char quote, boolean asciiOnly) {
    if (r == quote || r == '\\') {
      sb.append('\\').appendCodePoint(r);
      return;
    }
    if (asciiOnly) {
      if (r < 0x80 && isPrint(r)) {
        sb.append((char) r);
        return;
      }
    } else if (isPrint(r)) {
      sb.appendCodePoint(r);
      return;
    }
    switch (r) {
      case 0x07 -> sb.append("\\a");
      case '\b' -> sb.append("\\b");
      case '\f' -> sb.append("\\f");
      case '\n' -> sb.append("\\n");
      case '\r' -> sb.append("\\r");
      case '\t' -> sb.append("\\t");
      case 0x0B -> sb.append("\\v");
      default -> {
        if (r < ' ' || r == 0x7F) {
          sb.append("\\x").append(hex(r, 2));
        } else if (r < 0x10000) {
          sb.append("\\u").append(hex(r, 4));
        } else {
          sb.append("\\U").append(hex(r, 8));
        }
      }
    }
  }

  private static String hex(int v, int width) {
    String h = Integer.toHexString(v);
    return "0".repeat(Math.max(0, width - h.length())) + h;
  }
}
