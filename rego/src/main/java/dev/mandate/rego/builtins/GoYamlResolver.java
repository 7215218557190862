package dev.mandate.rego.builtins;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a plain (unquoted, untagged) YAML scalar means to the go-yaml v2 library that OPA uses
 * through {@code sigs.k8s.io/yaml}: YAML 1.1 booleans ({@code yes}, {@code off}, {@code y}),
 * nulls, integers in Go's base-prefixed syntax with underscores, floats and timestamps. The same
 * rules decide, when marshalling, which strings must be quoted to stay strings.
 */
final class GoYamlResolver {
  private GoYamlResolver() {}

  enum Kind { NULL, BOOL, INT, FLOAT, STRING, TIMESTAMP, MERGE }

  /** A resolved scalar: its kind and, for booleans and numbers, its value. */
  record Resolved(Kind kind, boolean bool, BigInteger integer, double floating) {
    static final Resolved NULL = new Resolved(Kind.NULL, false, null, 0);
    static final Resolved TRUE = new Resolved(Kind.BOOL, true, null, 0);
    static final Resolved FALSE = new Resolved(Kind.BOOL, false, null, 0);
    static final Resolved STRING = new Resolved(Kind.STRING, false, null, 0);
    static final Resolved TIMESTAMP = new Resolved(Kind.TIMESTAMP, false, null, 0);
    static final Resolved MERGE = new Resolved(Kind.MERGE, false, null, 0);

    static Resolved integer(BigInteger v) {
      return new Resolved(Kind.INT, false, v, 0);
    }

    static Resolved floating(double v) {
      return new Resolved(Kind.FLOAT, false, null, v);
    }
  }

  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
  private static final Set<String> TRUES = Set.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE");
  private static final Set<String> FALSES = Set.of("n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE");
  private static final Set<String> NANS = Set.of(".nan", ".NaN", ".NAN");
  private static final Set<String> POS_INF = Set.of(".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF");
  private static final Set<String> NEG_INF = Set.of("-.inf", "-.Inf", "-.INF");
  private static final Pattern YAML_FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern BASE60_FLOAT = Pattern.compile("[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?");
  private static final Pattern TIMESTAMP = Pattern.compile(
      "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:(?:[Tt](\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2}))"
      + "|(?: (\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.\\d+)?))?");
  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  static Resolved resolvePlain(String in) {
    if (NULLS.contains(in)) {
      return Resolved.NULL;
    }
    if (TRUES.contains(in)) {
      return Resolved.TRUE;
    }
    if (FALSES.contains(in)) {
      return Resolved.FALSE;
    }
    if (NANS.contains(in)) {
      return Resolved.floating(Double.NaN);
    }
    if (POS_INF.contains(in)) {
      return Resolved.floating(Double.POSITIVE_INFINITY);
    }
    if (NEG_INF.contains(in)) {
      return Resolved.floating(Double.NEGATIVE_INFINITY);
    }
    if (in.equals("<<")) {
      return Resolved.MERGE;
    }
    char c = in.charAt(0);
    if (c == '.') {
      Double d = goParseFloat(in);
      return d == null ? Resolved.STRING : Resolved.floating(d);
    }
    boolean sign = c == '+' || c == '-';
    if (!sign && (c < '0' || c > '9')) {
      return Resolved.STRING;
    }
    if (isTimestamp(in)) {
      return Resolved.TIMESTAMP;
    }
    String plain = in.replace("_", "");
    BigInteger i = goParseInt(plain, true);
    if (i != null && i.compareTo(INT64_MIN) >= 0 && i.compareTo(INT64_MAX) <= 0) {
      return Resolved.integer(i);
    }
    BigInteger u = goParseInt(plain, false);
    if (u != null && u.signum() >= 0 && u.compareTo(UINT64_MAX) <= 0) {
      return Resolved.integer(u);
    }
    if (YAML_FLOAT.matcher(plain).matches()) {
      Double d = goParseFloat(plain);
      if (d != null) {
        return Resolved.floating(d);
      }
    }
    return Resolved.STRING;
  }

  /** True when a string must be quoted to be read back as a string (go-yaml v2's rule). */
  static boolean needsQuotes(String s) {
    return resolvePlain(s).kind() != Kind.STRING || BASE60_FLOAT.matcher(s).matches();
  }

  /**
   * Go's {@code strconv.ParseInt(s, 0, 64)} / {@code ParseUint} syntax: optional sign (signed
   * only), then {@code 0x}, {@code 0o}, {@code 0b} or a leading {@code 0} for octal. Returns null
   * when the text is not such an integer; range is checked by the caller.
   */
  private static BigInteger goParseInt(String s, boolean signed) {
    int i = 0;
    boolean negative = false;
    if (signed && !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    String body = s.substring(i);
    int radix = 10;
    if (body.length() > 1 && body.charAt(0) == '0') {
      char p = Character.toLowerCase(body.charAt(1));
      if (p == 'x') {
        radix = 16;
        body = body.substring(2);
      } else if (p == 'o') {
        radix = 8;
        body = body.substring(2);
      } else if (p == 'b') {
        radix = 2;
        body = body.substring(2);
      } else {
        radix = 8;
        body = body.substring(1);
      }
    }
    if (body.isEmpty()) {
      return null;
    }
    for (int k = 0; k < body.length(); k++) {
      if (Character.digit(body.charAt(k), radix) < 0 || body.charAt(k) > 'z') {
        return null;
      }
    }
    BigInteger v = new BigInteger(body, radix);
    return negative ? v.negate() : v;
  }

  /** Go's {@code strconv.ParseFloat(s, 64)} for decimal text; null when invalid or out of range. */
  private static Double goParseFloat(String s) {
    if (!YAML_FLOAT.matcher(s).matches()) {
      return null;
    }
    double d = Double.parseDouble(s);
    return Double.isInfinite(d) ? null : d;
  }

  /** The timestamp forms go-yaml v2 recognises (date, date and time with zone, or space-separated). */
  private static boolean isTimestamp(String s) {
    Matcher m = TIMESTAMP.matcher(s);
    if (!m.matches()) {
      return false;
    }
    try {
      LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    } catch (DateTimeException e) {
      return false;
    }
    for (int g : new int[] {4, 7}) {
      if (m.group(g) != null) {
        if (Integer.parseInt(m.group(g)) > 23 || Integer.parseInt(m.group(g + 1)) > 59
            || Integer.parseInt(m.group(g + 2)) > 59) {
          return false;
        }
      }
    }
    return true;
  }

  /** Go's {@code strconv.FormatFloat(d, 'g', -1, 64)}, as go-yaml writes floats. */
  static String formatFloat64(double d) {
    return formatShortestG(new java.math.BigDecimal(Double.toString(d)));
  }

  /** Go's {@code strconv.FormatFloat(d, 'g', -1, 32)}, as sigs.k8s.io/yaml turns float keys into text. */
  static String formatFloat32(double d) {
    return formatShortestG(new java.math.BigDecimal(Float.toString((float) d)));
  }

  /**
   * The shortest digits in Go's 'g' layout with precision -1: exponent form ({@code 1e+06},
   * {@code 1.5e-07}) when the decimal exponent is below -4 or at least 6 (Go's threshold for the
   * shortest representation), plain digits otherwise. Java's {@code Double.toString} gives the
   * same shortest digits (JDK 19+).
   */
  static String formatShortestG(java.math.BigDecimal shortest) {
    if (shortest.signum() == 0) {
      return shortest.toString().startsWith("-") ? "-0" : "0";
    }
    java.math.BigDecimal v = shortest.stripTrailingZeros();
    String digits = v.unscaledValue().abs().toString();
    int exp = v.precision() - v.scale() - 1;
    String sign = v.signum() < 0 ? "-" : "";
    if (exp < -4 || exp >= 6) {
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      int ae = Math.abs(exp);
      return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (ae < 10 ? "0" + ae : Integer.toString(ae));
    }
    return sign + v.abs().toPlainString();
  }
}
