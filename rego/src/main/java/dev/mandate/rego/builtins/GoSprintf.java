package dev.mandate.rego.builtins;

import dev.mandate.rego.value.GoQuote;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Go's {@code fmt.Sprintf} over {@link GoArg}s, reproducing its output byte for byte for the
 * types OPA passes: verbs, flags ({@code # 0 + - space}), width and precision (also {@code *}),
 * explicit argument indexes ({@code %[2]d}), and Go's in-band error text ({@code %!d(MISSING)},
 * {@code %!(EXTRA int=1)}, {@code %!(NOVERB)}, {@code %!(BADWIDTH)}, {@code %!(BADPREC)},
 * {@code %!d(BADINDEX)}, {@code %!x(float64=1.5)}-style bad verbs).
 *
 * <p>One instance formats one string; it is not reused or shared.
 */
final class GoSprintf {
  private static final String LOWER_DIGITS = "0123456789abcdefx";
  private static final String UPPER_DIGITS = "0123456789ABCDEFX";
  private static final int MAX_RUNE = 0x10FFFF;

  private final StringBuilder buf = new StringBuilder();

  // Flags of the verb being formatted (Go's fmtFlags plus width and precision).
  private int wid;
  private int prec;
  private boolean widPresent;
  private boolean precPresent;
  private boolean minus;
  private boolean plus;
  private boolean sharp;
  private boolean space;
  private boolean zero;
  private boolean plusV;
  private boolean sharpV;

  private boolean reordered;
  private boolean goodArgNum;

  private GoSprintf() {}

  static String sprintf(String format, List<GoArg> args) {
    GoSprintf p = new GoSprintf();
    p.doPrintf(format, args);
    return p.buf.toString();
  }

  private void clearFlags() {
    wid = 0;
    prec = 0;
    widPresent = false;
    precPresent = false;
    minus = false;
    plus = false;
    sharp = false;
    space = false;
    zero = false;
    plusV = false;
    sharpV = false;
  }

  // ---------------------------------------------------------------- format string parsing

  private record Num(int value, boolean isNum, int next) {}

  private record ArgIndex(int argNum, int next, boolean found) {}

  private static boolean tooLarge(int x) {
    return x > 1_000_000 || x < -1_000_000;
  }

  /** Go's parsenum: decimal digits in {@code s[start, end)}. */
  private static Num parseNum(String s, int start, int end) {
    if (start >= end) {
      return new Num(0, false, end);
    }
    int num = 0;
    boolean isNum = false;
    int i = start;
    for (; i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
      if (tooLarge(num)) {
        return new Num(0, false, end); // overflow: a crazy long number
      }
      num = num * 10 + (s.charAt(i) - '0');
      isNum = true;
    }
    return new Num(num, isNum, i);
  }

  /** An explicit argument index {@code [n]} at {@code i}, one-based in the format. */
  private ArgIndex argNumber(int argNum, String format, int i, int numArgs) {
    if (format.length() <= i || format.charAt(i) != '[') {
      return new ArgIndex(argNum, i, false);
    }
    reordered = true;
    // At least three characters are needed: [n].
    if (format.length() - i < 3) {
      goodArgNum = false;
      return new ArgIndex(argNum, i + 1, false);
    }
    for (int j = i + 1; j < format.length(); j++) {
      if (format.charAt(j) == ']') {
        Num n = parseNum(format, i + 1, j);
        if (!n.isNum() || n.next() != j) {
          goodArgNum = false;
          return new ArgIndex(argNum, j + 1, false);
        }
        int index = n.value() - 1;
        if (index >= 0 && index < numArgs) {
          return new ArgIndex(index, j + 1, true);
        }
        goodArgNum = false;
        return new ArgIndex(argNum, j + 1, true);
      }
    }
    goodArgNum = false;
    return new ArgIndex(argNum, i + 1, false);
  }

  private void doPrintf(String format, List<GoArg> a) {
    int end = format.length();
    int argNum = 0;
    boolean afterIndex = false;
    reordered = false;
    formatLoop:
    for (int i = 0; i < end; ) {
      goodArgNum = true;
      int lasti = i;
      while (i < end && format.charAt(i) != '%') {
        i++;
      }
      if (i > lasti) {
        buf.append(format, lasti, i);
      }
      if (i >= end) {
        break;
      }
      i++; // skip '%'
      clearFlags();
      simpleFormat:
      for (; i < end; i++) {
        char c = format.charAt(i);
        switch (c) {
          case '#' -> sharp = true;
          case '0' -> zero = true;
          case '+' -> plus = true;
          case '-' -> minus = true;
          case ' ' -> space = true;
          default -> {
            // Fast path: a lower-case verb right after the flags.
            if (c >= 'a' && c <= 'z' && argNum < a.size()) {
              if (c == 'v') {
                moveFlagsForV();
              }
              printArg(a.get(argNum), c);
              argNum++;
              i++;
              continue formatLoop;
            }
            break simpleFormat;
          }
        }
      }

      ArgIndex ai = argNumber(argNum, format, i, a.size());
      argNum = ai.argNum();
      i = ai.next();
      afterIndex = ai.found();

      // Width.
      if (i < end && format.charAt(i) == '*') {
        i++;
        IntArg w = intFromArg(a, argNum);
        wid = w.value();
        widPresent = w.isInt();
        argNum = w.nextArg();
        if (!widPresent) {
          buf.append("%!(BADWIDTH)");
        }
        if (wid < 0) {
          // A negative width asks for left alignment.
          wid = -wid;
          minus = true;
          zero = false;
        }
        afterIndex = false;
      } else {
        Num n = parseNum(format, i, end);
        wid = n.value();
        widPresent = n.isNum();
        i = n.next();
        if (afterIndex && widPresent) { // "%[3]2d"
          goodArgNum = false;
        }
      }

      // Precision.
      if (i + 1 < end && format.charAt(i) == '.') {
        i++;
        if (afterIndex) { // "%[3].2d"
          goodArgNum = false;
        }
        ai = argNumber(argNum, format, i, a.size());
        argNum = ai.argNum();
        i = ai.next();
        afterIndex = ai.found();
        if (i < end && format.charAt(i) == '*') {
          i++;
          IntArg p = intFromArg(a, argNum);
          prec = p.value();
          precPresent = p.isInt();
          argNum = p.nextArg();
          if (prec < 0) {
            prec = 0;
            precPresent = false;
          }
          if (!precPresent) {
            buf.append("%!(BADPREC)");
          }
          afterIndex = false;
        } else {
          Num n = parseNum(format, i, end);
          prec = n.value();
          precPresent = n.isNum();
          i = n.next();
          if (!precPresent) {
            prec = 0;
            precPresent = true;
          }
        }
      }

      if (!afterIndex) {
        ai = argNumber(argNum, format, i, a.size());
        argNum = ai.argNum();
        i = ai.next();
        afterIndex = ai.found();
      }

      if (i >= end) {
        buf.append("%!(NOVERB)");
        break;
      }

      int verb = format.codePointAt(i);
      i += Character.charCount(verb);

      if (verb == '%') {
        buf.append('%'); // absorbs no operand, ignores width and precision
      } else if (!goodArgNum) {
        appendBangVerb(verb).append("(BADINDEX)");
      } else if (argNum >= a.size()) {
        appendBangVerb(verb).append("(MISSING)");
      } else {
        if (verb == 'v') {
          moveFlagsForV();
        }
        printArg(a.get(argNum), verb);
        argNum++;
      }
    }

    // Leftover operands are reported unless indexes were used.
    if (!reordered && argNum < a.size()) {
      clearFlags();
      buf.append("%!(EXTRA ");
      for (int k = argNum; k < a.size(); k++) {
        if (k > argNum) {
          buf.append(", ");
        }
        GoArg arg = a.get(k);
        if (arg instanceof GoArg.Nil) {
          buf.append("<nil>");
          continue;
        }
        buf.append(arg.goType()).append('=');
        printArg(arg, 'v');
      }
      buf.append(')');
    }
  }

  /** For %v, '#' and '+' select Go-syntax and field-name forms instead of their usual meaning. */
  private void moveFlagsForV() {
    sharpV = sharp;
    sharp = false;
    plusV = plus;
    plus = false;
  }

  private StringBuilder appendBangVerb(int verb) {
    return buf.append("%!").appendCodePoint(verb);
  }

  private record IntArg(int value, boolean isInt, int nextArg) {}

  /** A {@code *} width or precision: only a Go int operand counts. */
  private static IntArg intFromArg(List<GoArg> a, int argNum) {
    if (argNum >= a.size()) {
      return new IntArg(0, false, argNum);
    }
    if (a.get(argNum) instanceof GoArg.Int(long v) && v == (long) (int) v && !tooLarge((int) v)) {
      return new IntArg((int) v, true, argNum + 1);
    }
    return new IntArg(0, false, argNum + 1);
  }

  // ---------------------------------------------------------------- dispatch by type

  private void printArg(GoArg arg, int verb) {
    if (arg instanceof GoArg.Nil) {
      // A nil operand: only %T and %v have something to say.
      if (verb == 'T' || verb == 'v') {
        pad("<nil>");
      } else {
        appendBangVerb(verb).append("(<nil>)");
      }
      return;
    }
    if (verb == 'T') {
      fmtS(arg.goType());
      return;
    }
    printValue(arg, verb, 0);
  }

  /** Formats one value; composites apply the verb to each element, as Go's printValue does. */
  private void printValue(GoArg arg, int verb, int depth) {
    switch (arg) {
      case GoArg.Float f -> printFloat(f.value(), verb, arg);
      case GoArg.Int n -> printInteger(n.value(), verb, arg);
      case GoArg.Str s -> printString(s.value(), verb, arg);
      case GoArg.JsonNumber s -> printString(s.value(), verb, arg);
      case GoArg.BigInt b -> formatBigInt(b.value(), verb);
      case GoArg.Bool b -> {
        if (verb == 't' || verb == 'v') {
          pad(Boolean.toString(b.value()));
        } else {
          badVerb(verb, arg);
        }
      }
      case GoArg.Nil n -> {
        if (depth == 0) {
          printArg(n, verb);
        } else {
          pad("<nil>"); // a nil element prints the same for every verb
        }
      }
      case GoArg.Slice sl -> {
        buf.append('[');
        for (int i = 0; i < sl.elements().size(); i++) {
          if (i > 0) {
            buf.append(' ');
          }
          printValue(sl.elements().get(i), verb, depth + 1);
        }
        buf.append(']');
      }
      case GoArg.Map m -> {
        buf.append("map[");
        for (int i = 0; i < m.keys().size(); i++) {
          if (i > 0) {
            buf.append(' ');
          }
          printValue(new GoArg.Str(m.keys().get(i)), verb, depth + 1);
          buf.append(':');
          printValue(m.values().get(i), verb, depth + 1);
        }
        buf.append(']');
      }
    }
  }

  private void badVerb(int verb, GoArg arg) {
    appendBangVerb(verb).append('(').append(arg.goType()).append('=');
    printValue(arg, 'v', 0);
    buf.append(')');
  }

  private void printInteger(long v, int verb, GoArg arg) {
    switch (verb) {
      case 'v', 'd' -> fmtInteger(v, 10, verb, LOWER_DIGITS);
      case 'b' -> fmtInteger(v, 2, verb, LOWER_DIGITS);
      case 'o', 'O' -> fmtInteger(v, 8, verb, LOWER_DIGITS);
      case 'x' -> fmtInteger(v, 16, verb, LOWER_DIGITS);
      case 'X' -> fmtInteger(v, 16, verb, UPPER_DIGITS);
      case 'c' -> pad(new StringBuilder().appendCodePoint(validRune(v)).toString());
      case 'q' -> pad(GoQuote.quoteRune(validRune(v), plus));
      case 'U' -> fmtUnicode(v);
      default -> badVerb(verb, arg);
    }
  }

  private void printFloat(double v, int verb, GoArg arg) {
    switch (verb) {
      case 'v' -> fmtFloat(v, 'g', -1);
      case 'b', 'g', 'G', 'x', 'X' -> fmtFloat(v, (char) verb, -1);
      case 'f', 'e', 'E' -> fmtFloat(v, (char) verb, 6);
      case 'F' -> fmtFloat(v, 'f', 6);
      default -> badVerb(verb, arg);
    }
  }

  private void printString(String s, int verb, GoArg arg) {
    switch (verb) {
      case 'v' -> {
        if (sharpV) {
          fmtQ(s);
        } else {
          fmtS(s);
        }
      }
      case 's' -> fmtS(s);
      case 'x' -> fmtSx(s, LOWER_DIGITS);
      case 'X' -> fmtSx(s, UPPER_DIGITS);
      case 'q' -> fmtQ(s);
      default -> badVerb(verb, arg);
    }
  }

  // ---------------------------------------------------------------- padding

  private void writePadding(int n) {
    if (n <= 0) {
      return;
    }
    char padChar = zero && !minus ? '0' : ' ';
    buf.repeat(padChar, n);
  }

  /** Pads to the width, counting code points as Go counts runes. */
  private void pad(String s) {
    if (!widPresent || wid == 0) {
      buf.append(s);
      return;
    }
    int width = wid - s.codePointCount(0, s.length());
    if (!minus) {
      writePadding(width);
      buf.append(s);
    } else {
      buf.append(s);
      writePadding(width);
    }
  }

  // ---------------------------------------------------------------- integers

  private void fmtInteger(long v, int base, int verb, String digits) {
    boolean negative = v < 0;
    // The magnitude as an unsigned 64-bit number (correct for Long.MIN_VALUE too).
    long u = negative ? -v : v;
    int precision = 0;
    if (precPresent) {
      precision = prec;
      // Precision 0 and value 0 print nothing but the padding.
      if (precision == 0 && u == 0) {
        boolean oldZero = zero;
        zero = false;
        writePadding(wid);
        zero = oldZero;
        return;
      }
    } else if (zero && !minus && widPresent) {
      precision = wid;
      if (negative || plus || space) {
        precision--; // leave room for the sign
      }
    }
    String mag = Long.toUnsignedString(u, base);
    if (digits == UPPER_DIGITS) {
      mag = mag.toUpperCase(java.util.Locale.ROOT);
    }
    StringBuilder out = new StringBuilder();
    if (negative) {
      out.append('-');
    } else if (plus) {
      out.append('+');
    } else if (space) {
      out.append(' ');
    }
    if (verb == 'O') {
      out.append("0o");
    }
    if (sharp) {
      switch (base) {
        case 2 -> out.append("0b");
        case 16 -> out.append('0').append(digits.charAt(16));
        default -> { }
      }
    }
    int zeros = Math.max(0, precision - mag.length());
    // Go's %#o adds a leading 0 unless the digits already start with one.
    if (sharp && base == 8 && zeros == 0 && mag.charAt(0) != '0') {
      zeros = 1;
    }
    out.repeat('0', zeros).append(mag);
    boolean oldZero = zero;
    zero = false; // zero padding was handled above as precision
    pad(out.toString());
    zero = oldZero;
  }

  private static int validRune(long v) {
    if (v < 0 || v > MAX_RUNE || (v >= 0xD800 && v <= 0xDFFF)) {
      return 0xFFFD;
    }
    return (int) v;
  }

  /** %U: {@code U+0041}, with {@code #} also {@code U+0041 'A'}. */
  private void fmtUnicode(long v) {
    int precision = 4;
    if (precPresent && prec > 4) {
      precision = prec;
    }
    String hex = Long.toHexString(v).toUpperCase(java.util.Locale.ROOT);
    StringBuilder out = new StringBuilder("U+");
    out.repeat('0', Math.max(0, precision - hex.length())).append(hex);
    if (sharp && v >= 0 && v <= MAX_RUNE && GoQuote.isPrint((int) v)
        && !(v >= 0xD800 && v <= 0xDFFF)) {
      out.append(" '").appendCodePoint((int) v).append('\'');
    }
    boolean oldZero = zero;
    zero = false;
    pad(out.toString());
    zero = oldZero;
  }

  /** math/big's Int.Format: its own handling of sign, base prefix, precision and width. */
  private void formatBigInt(BigInteger x, int verb) {
    int base;
    switch (verb) {
      case 'b' -> base = 2;
      case 'o', 'O' -> base = 8;
      case 'd', 's', 'v' -> base = 10;
      case 'x', 'X' -> base = 16;
      default -> {
        appendBangVerb(verb).append("(big.Int=").append(x).append(')');
        return;
      }
    }
    String sign = "";
    if (x.signum() < 0) {
      sign = "-";
    } else if (plus || plusV) {
      sign = "+";
    } else if (space) {
      sign = " ";
    }
    String prefix = "";
    if (sharp || sharpV) {
      prefix = switch (verb) {
        case 'b' -> "0b";
        case 'o' -> "0";
        case 'x' -> "0x";
        case 'X' -> "0X";
        default -> "";
      };
    }
    if (verb == 'O') {
      prefix = "0o";
    }
    String digits = x.abs().toString(base);
    if (verb == 'X') {
      digits = digits.toUpperCase(java.util.Locale.ROOT);
    }
    int left = 0;
    int zeros = 0;
    int right = 0;
    if (precPresent) {
      if (digits.length() < prec) {
        zeros = prec - digits.length();
      } else if (digits.equals("0") && prec == 0) {
        return; // zero with zero precision prints nothing
      }
    }
    int length = sign.length() + prefix.length() + zeros + digits.length();
    if (widPresent && length < wid) {
      int d = wid - length;
      if (minus) {
        right = d;
      } else if (zero && !precPresent) {
        zeros = d;
      } else {
        left = d;
      }
    }
    buf.repeat(' ', left).append(sign).append(prefix).repeat('0', zeros).append(digits).repeat(' ', right);
  }

  // ---------------------------------------------------------------- floats

  private void fmtFloat(double v, char verb, int defaultPrec) {
    int p = precPresent ? prec : defaultPrec;
    String formatted = GoFloatFormat.format(v, verb, p);
    // num[0] holds the sign: '+' unless the number is negative.
    StringBuilder num = new StringBuilder();
    if (formatted.startsWith("-") || formatted.startsWith("+")) {
      num.append(formatted);
    } else {
      num.append('+').append(formatted);
    }
    if (space && num.charAt(0) == '+' && !plus) {
      num.setCharAt(0, ' ');
    }
    // Infinities and NaN are not padded with zeros.
    if (num.charAt(1) == 'I' || num.charAt(1) == 'N') {
      boolean oldZero = zero;
      zero = false;
      if (num.charAt(1) == 'N' && !space && !plus) {
        num.deleteCharAt(0);
      }
      pad(num.toString());
      zero = oldZero;
      return;
    }
    // '#' forces a decimal point and, for %g, keeps trailing zeros.
    if (sharp && verb != 'b') {
      int digits = 0;
      if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'x') {
        digits = p == -1 ? 6 : p;
      }
      String tail = "";
      boolean hasDecimalPoint = false;
      boolean sawNonzeroDigit = false;
      loop:
      for (int i = 1; i < num.length(); i++) {
        char c = num.charAt(i);
        switch (c) {
          case '.' -> hasDecimalPoint = true;
          case 'p', 'P' -> {
            tail = num.substring(i);
            num.setLength(i);
            break loop;
          }
          case 'e', 'E' -> {
            if (verb != 'x' && verb != 'X') {
              tail = num.substring(i);
              num.setLength(i);
              break loop;
            }
            if (c != '0') {
              sawNonzeroDigit = true;
            }
            if (sawNonzeroDigit) {
              digits--;
            }
          }
          default -> {
            if (c != '0') {
              sawNonzeroDigit = true;
            }
            if (sawNonzeroDigit) {
              digits--;
            }
          }
        }
      }
      if (!hasDecimalPoint) {
        // A leading digit 0 counts once towards the digits.
        if (num.length() == 2 && num.charAt(1) == '0') {
          digits--;
        }
        num.append('.');
      }
      while (digits > 0) {
        num.append('0');
        digits--;
      }
      num.append(tail);
    }
    if (plus || num.charAt(0) != '+') {
      // With zero padding the sign goes before the zeros.
      if (zero && !minus && widPresent && wid > num.length()) {
        buf.append(num.charAt(0));
        writePadding(wid - num.length());
        buf.append(num, 1, num.length());
        return;
      }
      pad(num.toString());
      return;
    }
    pad(num.substring(1));
  }

  // ---------------------------------------------------------------- strings

  private String truncate(String s) {
    if (precPresent) {
      int n = prec;
      for (int i = 0; i < s.length(); ) {
        n--;
        if (n < 0) {
          return s.substring(0, i);
        }
        i += Character.charCount(s.codePointAt(i));
      }
    }
    return s;
  }

  private void fmtS(String s) {
    pad(truncate(s));
  }

  private void fmtQ(String s) {
    s = truncate(s);
    if (sharp && GoQuote.canBackquote(s)) {
      pad("`" + s + "`");
    } else if (plus) {
      pad(GoQuote.quoteToAscii(s));
    } else {
      pad(GoQuote.quote(s));
    }
  }

  /** %x of a string: hexadecimal of its UTF-8 bytes. */
  private void fmtSx(String s, String digits) {
    byte[] b = utf8(s);
    int length = b.length;
    if (precPresent && prec < length) {
      length = prec;
    }
    int width = 2 * length;
    if (width > 0) {
      if (space) {
        if (sharp) {
          width *= 2;
        }
        width += length - 1;
      } else if (sharp) {
        width += 2;
      }
    } else {
      if (widPresent) {
        writePadding(wid);
      }
      return;
    }
    if (widPresent && wid > width && !minus) {
      writePadding(wid - width);
    }
    if (sharp) {
      buf.append('0').append(digits.charAt(16));
    }
    for (int i = 0; i < length; i++) {
      if (space && i > 0) {
        buf.append(' ');
        if (sharp) {
          buf.append('0').append(digits.charAt(16));
        }
      }
      int c = b[i] & 0xFF;
      buf.append(digits.charAt(c >> 4)).append(digits.charAt(c & 0xF));
    }
    if (widPresent && wid > width && minus) {
      writePadding(wid - width);
    }
  }

  /** UTF-8 bytes; a lone surrogate becomes U+FFFD as it would in Go. */
  private static byte[] utf8(String s) {
    StringBuilder clean = null;
    for (int i = 0; i < s.length(); ) {
      int r = s.codePointAt(i);
      int n = Character.charCount(r);
      if (r >= 0xD800 && r <= 0xDFFF) {
        if (clean == null) {
          clean = new StringBuilder(s.substring(0, i));
        }
        clean.append('\uFFFD');
      } else if (clean != null) {
        clean.appendCodePoint(r);
      }
      i += n;
    }
    return (clean == null ? s : clean.toString()).getBytes(StandardCharsets.UTF_8);
  }
}
