package dev.mandate.rego.value;

/** Ordering and Rego-syntax printing of values, as OPA defines them. */
public final class Values {
  private Values() {}

  /** OPA's total order: kind first, then content. */
  public static int compare(Value a, Value b) {
    if (a == b) {
      return 0;
    }
    int ka = a.kindOrder();
    int kb = b.kindOrder();
    if (ka != kb) {
      return Integer.compare(ka, kb);
    }
    return switch (a) {
      case NullValue n -> 0;
      case BooleanValue x -> Boolean.compare(x.value(), ((BooleanValue) b).value());
      case NumberValue x -> x.compareNumber((NumberValue) b);
      case StringValue x -> compareStrings(x.value(), ((StringValue) b).value());
      case ArrayValue x -> compareArrays(x, (ArrayValue) b);
      case ObjectValue x -> compareObjects(x, (ObjectValue) b);
      case SetValue x -> compareSorted(x.sortedElements(), ((SetValue) b).sortedElements());
    };
  }

  /**
   * Strings order by code point, which is the UTF-8 byte order OPA (Go) uses. Java's
   * {@code compareTo} orders UTF-16 units, which differs when a character beyond U+FFFF meets
   * one in U+E000..U+FFFF; the fix-up below maps surrogates above that range.
   */
  static int compareStrings(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (x >= 0xD800 && y >= 0xD800) {
          x = fixup(x);
          y = fixup(y);
        }
        return Integer.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static char fixup(char c) {
    return (char) (c >= 0xE000 ? c - 0x800 : c + 0x2000);
  }

  private static int compareArrays(ArrayValue a, ArrayValue b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareSorted(Value[] a, Value[] b) {
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      int c = compare(a[i], b[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  private static int compareObjects(ObjectValue a, ObjectValue b) {
    Value[] ka = a.keys();
    Value[] kb = b.keys();
    int n = Math.min(ka.length, kb.length);
    for (int i = 0; i < n; i++) {
      int c = compare(ka[i], kb[i]);
      if (c != 0) {
        return c;
      }
      c = compare(a.get(ka[i]), b.get(kb[i]));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(ka.length, kb.length);
  }

  /** The value written in Rego syntax, as OPA prints terms ({@code {1, 2}}, {@code set()}). */
  public static String toRego(Value v) {
    StringBuilder sb = new StringBuilder();
    appendRego(sb, v);
    return sb.toString();
  }

  public static void appendRego(StringBuilder sb, Value v) {
    switch (v) {
      case StringValue s -> sb.append(GoQuote.quote(s.value())); // as OPA prints a string term
      case ArrayValue a -> {
        sb.append('[');
        for (int i = 0; i < a.size(); i++) {
          if (i > 0) {
            sb.append(", ");
          }
          appendRego(sb, a.get(i));
        }
        sb.append(']');
      }
      case SetValue s -> {
        if (s.isEmpty()) {
          sb.append("set()");
          return;
        }
        sb.append('{');
        boolean first = true;
        for (Value e : s.sortedElements()) {
          if (!first) {
            sb.append(", ");
          }
          first = false;
          appendRego(sb, e);
        }
        sb.append('}');
      }
      case ObjectValue o -> {
        sb.append('{');
        boolean first = true;
        for (Value k : o.keys()) {
          if (!first) {
            sb.append(", ");
          }
          first = false;
          appendRego(sb, k);
          sb.append(": ");
          appendRego(sb, o.get(k));
        }
        sb.append('}');
      }
      default -> sb.append(v);
    }
  }

  /** Convenience for tests and built-ins. */
  public static StringValue str(String s) {
    return StringValue.of(s);
  }

  public static NumberValue num(long n) {
    return NumberValue.of(n);
  }
}
