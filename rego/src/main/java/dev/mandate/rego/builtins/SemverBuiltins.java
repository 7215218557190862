package dev.mandate.rego.builtins;

import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.StringValue;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * OPA's {@code semver.is_valid} and {@code semver.compare}. Versions are read as OPA's own
 * SemVer parser reads them, which is a little looser than the SemVer 2.0.0 grammar: a leading
 * "v" is dropped, numbers may have leading zeros, and an empty pre-release or build
 * part ("1.0.0-") is accepted. Precedence is SemVer's; build metadata is ignored.
 */
public final class SemverBuiltins {
  private SemverBuiltins() {}

  private static final Pattern IDENTIFIERS = Pattern.compile("[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*");
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  /** A parsed version; build metadata is kept only to validate it. */
  record Version(long major, long minor, long patch, String preRelease) {}

  public static void register(BuiltinRegistry r) {
    r.function("semver.is_valid", 1, (ctx, args) ->
        BooleanValue.of(args[0] instanceof StringValue s && parse(s.value()) != null));
    r.function("semver.compare", 2, (ctx, args) -> {
      String a = Args.string(args, 0);
      String b = Args.string(args, 1);
      Version va = parse(a);
      if (va == null) {
        throw BuiltinException.error("operand 1: string " + dev.mandate.rego.value.Json.quote(a) + " is not a valid SemVer");
      }
      Version vb = parse(b);
      if (vb == null) {
        throw BuiltinException.error("operand 2: string " + dev.mandate.rego.value.Json.quote(b) + " is not a valid SemVer");
      }
      return NumberValue.of(compare(va, vb));
    });
  }

  /** The version, or null when OPA's parser refuses it. */
  static Version parse(String version) {
    String v = version.startsWith("v") ? version.substring(1) : version;
    int plus = v.indexOf('+');
    if (plus >= 0) {
      String metadata = v.substring(plus + 1);
      v = v.substring(0, plus);
      if (!metadata.isEmpty() && !IDENTIFIERS.matcher(metadata).matches()) {
        return null;
      }
    }
    String pre = "";
    int dash = v.indexOf('-');
    if (dash >= 0) {
      pre = v.substring(dash + 1);
      v = v.substring(0, dash);
      if (!pre.isEmpty() && !IDENTIFIERS.matcher(pre).matches()) {
        return null;
      }
    }
    String[] parts = v.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    Long major = parseInt64(parts[0]);
    Long minor = parseInt64(parts[1]);
    Long patch = parseInt64(parts[2]);
    if (major == null || minor == null || patch == null) {
      return null;
    }
    return new Version(major, minor, patch, pre);
  }

  /** Go's {@code strconv.ParseInt(s, 10, 64)}: optional sign, decimal digits, int64 range. */
  private static Long parseInt64(String s) {
    int start = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
    if (start == s.length()) {
      return null;
    }
    for (int i = start; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return null;
      }
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null; // out of range
    }
  }

  static int compare(Version a, Version b) {
    int c = Long.compare(a.major(), b.major());
    if (c == 0) {
      c = Long.compare(a.minor(), b.minor());
    }
    if (c == 0) {
      c = Long.compare(a.patch(), b.patch());
    }
    if (c != 0) {
      return Integer.signum(c);
    }
    String pa = a.preRelease();
    String pb = b.preRelease();
    if (pa.equals(pb)) {
      return 0;
    }
    // A version without a pre-release ranks above one with.
    if (pa.isEmpty()) {
      return 1;
    }
    if (pb.isEmpty()) {
      return -1;
    }
    String[] ia = pa.split("\\.", -1);
    String[] ib = pb.split("\\.", -1);
    for (int i = 0; i < Math.max(ia.length, ib.length); i++) {
      // More identifiers rank higher when all before are equal.
      if (i >= ia.length) {
        return -1;
      }
      if (i >= ib.length) {
        return 1;
      }
      int r = compareIdentifier(ia[i], ib[i]);
      if (r != 0) {
        return r;
      }
    }
    // Different text but equal precedence ("01" and "1"): equal. (OPA itself loops forever here.)
    return 0;
  }

  /** Numeric identifiers compare as numbers and rank below alphanumeric ones, which compare as text. */
  private static int compareIdentifier(String a, String b) {
    boolean na = isNumeric(a);
    boolean nb = isNumeric(b);
    if (na && !nb) {
      return -1;
    }
    if (!na && nb) {
      return 1;
    }
    if (na) {
      return Integer.signum(clampedInt(a).compareTo(clampedInt(b)));
    }
    return Integer.signum(a.compareTo(b));
  }

  private static boolean isNumeric(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** Go's Atoi result for a digit string: values beyond int64 clamp to its maximum. */
  private static BigInteger clampedInt(String digits) {
    BigInteger v = new BigInteger(digits);
    return v.min(LONG_MAX);
  }
}
