package dev.mandate.rego.parser;

/**
 * Decodes the text of a double-quoted Rego string with JSON's rules, as OPA does (it hands the
 * literal to Go's JSON decoder): the escapes {@code \" \\ \/ \b \f \n \r \t \\uXXXX}, surrogate
 * pairs combined, a lone surrogate replaced by U+FFFD, and raw control characters rejected.
 */
final class StringLiterals {
  private StringLiterals() {}

  /** The decoded value, or null when the literal is not a valid JSON string. */
  static String decodeQuoted(char[] src, int start, int end) {
    // src[start] and src[end - 1] are the quotes.
    int from = start + 1;
    int to = end - 1;
    boolean plain = true;
    for (int i = from; i < to; i++) {
      if (src[i] == '\\') {
        plain = false;
        break;
      }
    }
    if (plain) {
      // Without escapes OPA takes the text as it is, control characters included.
      return new String(src, from, to - from);
    }
    StringBuilder sb = new StringBuilder(to - from);
    int i = from;
    while (i < to) {
      char c = src[i];
      if (c < 0x20) {
        return null;
      }
      if (c != '\\') {
        sb.append(c);
        i++;
        continue;
      }
      if (i + 1 >= to) {
        return null;
      }
      char e = src[i + 1];
      i += 2;
      switch (e) {
        case '"' -> sb.append('"');
        case '\\' -> sb.append('\\');
        case '/' -> sb.append('/');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          int unit = hex4(src, i, to);
          if (unit < 0) {
            return null;
          }
          i += 4;
          if (Character.isSurrogate((char) unit)) {
            int low = (i + 6 <= to && src[i] == '\\' && src[i + 1] == 'u') ? hex4(src, i + 2, to) : -1;
            if (Character.isHighSurrogate((char) unit) && low >= 0 && Character.isLowSurrogate((char) low)) {
              sb.append((char) unit).append((char) low);
              i += 6;
            } else {
              sb.append('\uFFFD');
            }
          } else {
            sb.append((char) unit);
          }
        }
        default -> {
          return null;
        }
      }
    }
    return sb.toString();
  }

  private static int hex4(char[] src, int at, int limit) {
    if (at + 4 > limit) {
      return -1;
    }
    int v = 0;
    for (int k = 0; k < 4; k++) {
      char c = src[at + k];
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        d = c - 'A' + 10;
      } else {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }
}
