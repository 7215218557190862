package dev.mandate.pdp.decisionlog;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of decision logs, in two steps.
 *
 * <ol>
 *   <li>Configured JSON pointers (rooted at {@code /input} or {@code /result}) are erased, as
 *       OPA's {@code system.log.mask} "remove" operation does; each pointer that existed is listed
 *       in the event's {@code erased} field.</li>
 *   <li>Values that are credentials are replaced by {@value #MARKER}, as OPA's "upsert" operation
 *       would, and listed in {@code masked}: any string that looks like a compact JWS or JWE (three
 *       or five base64url segments whose first, the JOSE header, starts with {@code ey}, which is
 *       how a base64url JSON object starts), and any string or number held by a member whose name
 *       contains {@code token}, {@code secret} or {@code password}, or ends with
 *       {@code assertion}. Names ending in {@code _type} are exempt: token type URIs are not
 *       secrets and auditors need them. Objects and arrays under such names are not blanked but
 *       searched, so claims decoded from a token stay visible.</li>
 * </ol>
 */
public final class Masker {
  public static final String MARKER = "**REDACTED**";

  private static final Pattern COMPACT_JOSE = Pattern.compile(
      "ey[A-Za-z0-9_-]{10,}(\\.[A-Za-z0-9_-]*){2}|ey[A-Za-z0-9_-]{10,}(\\.[A-Za-z0-9_-]*){4}");

  private final List<List<String>> erase;
  private final List<String> erasePointers;

  public Masker(List<String> erasePointers) {
    this.erasePointers = List.copyOf(erasePointers);
    this.erase = erasePointers.stream().map(JsonPointer::parse).toList();
  }

  /** Whether some configured pointer erases part (or all) of the document under {@code root}. */
  boolean erases(String root) {
    for (List<String> tokens : erase) {
      if (tokens.get(0).equals(root)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The masked input and result, and the pointers that were erased or masked: the input's
   * first, then the result's (erased ones each in the order configured).
   */
  public record Masked(Value input, Value result, List<String> erased, List<String> masked) {}

  public Masked apply(Value input, Value result) {
    List<String> erased = new ArrayList<>();
    List<String> masked = new ArrayList<>();
    Value in = apply("input", input, erased, masked);
    Value out = apply("result", result, erased, masked);
    return new Masked(in, out, erased, masked);
  }

  /**
   * The document {@code v} (null when absent) found under {@code root} ({@code input} or
   * {@code result}), erased and masked; adds the pointers erased and masked to the lists. Returns
   * null when the document is erased as a whole.
   */
  Value apply(String root, Value v, List<String> erased, List<String> masked) {
    if (v == null) {
      return null;
    }
    for (int i = 0; i < erase.size() && v != null; i++) {
      List<String> tokens = erase.get(i);
      if (!tokens.get(0).equals(root)) {
        continue;
      }
      List<String> rest = tokens.subList(1, tokens.size());
      Value after = rest.isEmpty() ? null : remove(v, rest);
      if (after != v) {
        v = after;
        erased.add(erasePointers.get(i));
      }
    }
    return v == null ? null : mask(v, new Where(root), false, masked);
  }

  /** {@code v} without the member at {@code path}; the same instance if there was none. */
  private static Value remove(Value v, List<String> path) {
    String head = path.get(0);
    List<String> rest = path.subList(1, path.size());
    if (v instanceof ObjectValue o) {
      Value child = o.get(head);
      if (child == null) {
        return v;
      }
      if (rest.isEmpty()) {
        return o.without(StringValue.of(head));
      }
      Value newChild = remove(child, rest);
      return newChild == child ? v : o.with(StringValue.of(head), newChild);
    }
    if (v instanceof ArrayValue a && head.matches("0|[1-9][0-9]{0,8}")) {
      int idx = Integer.parseInt(head);
      if (idx >= a.size()) {
        return v;
      }
      List<Value> items = new ArrayList<>(a.asList());
      if (rest.isEmpty()) {
        items.remove(idx);
        return ArrayValue.of(items);
      }
      Value newChild = remove(items.get(idx), rest);
      if (newChild == items.get(idx)) {
        return v;
      }
      items.set(idx, newChild);
      return ArrayValue.of(items);
    }
    return v;
  }

  /**
   * {@link #COMPACT_JOSE} on the whole string. Both its alternatives start with {@code ey} and need
   * at least 14 characters, so most strings of a decision (ids, URIs, scopes) are settled without
   * allocating a matcher: this runs for every string of every logged decision.
   */
  static boolean looksLikeCompactJose(String s) {
    return s.length() >= 14 && s.startsWith("ey") && COMPACT_JOSE.matcher(s).matches();
  }

  /** {@link #looksLikeCompactJose(String)} for the ASCII text from {@code start} to {@code end}. */
  static boolean looksLikeCompactJose(byte[] b, int start, int end) {
    return end - start >= 14 && b[start] == 'e' && b[start + 1] == 'y'
        && looksLikeCompactJose(new String(b, start, end - start, StandardCharsets.US_ASCII));
  }

  /**
   * Where the value being visited sits: a stack of member names and array indexes, pushed and
   * popped as the walk goes down and up. The JSON pointer is only spelt out for the few values
   * that are masked, not for every value visited.
   */
  private static final class Where {
    private String[] names = new String[16];
    private int[] indexes = new int[16];
    private int depth;

    Where(String root) {
      names[0] = root;
      depth = 1;
    }

    void push(String name, int index) {
      if (depth == names.length) {
        names = java.util.Arrays.copyOf(names, depth * 2);
        indexes = java.util.Arrays.copyOf(indexes, depth * 2);
      }
      names[depth] = name; // null for an array element: its index is the segment
      indexes[depth] = index;
      depth++;
    }

    void pop() {
      depth--;
    }

    String pointer() {
      StringBuilder sb = new StringBuilder().append('/').append(names[0]);
      for (int i = 1; i < depth; i++) {
        sb.append('/');
        if (names[i] == null) {
          sb.append(indexes[i]);
        } else {
          sb.append(JsonPointer.escape(names[i]));
        }
      }
      return sb.toString();
    }
  }

  private Value mask(Value v, Where where, boolean sensitiveName, List<String> masked) {
    switch (v) {
      case StringValue s -> {
        if (sensitiveName || looksLikeCompactJose(s.value())) {
          masked.add(where.pointer());
          return StringValue.of(MARKER);
        }
        return v;
      }
      case NumberValue n -> {
        if (sensitiveName) {
          masked.add(where.pointer());
          return StringValue.of(MARKER);
        }
        return v;
      }
      case ObjectValue o -> {
        ObjectValue out = o;
        Value[] keys = o.keys();
        Value[] values = o.valuesInKeyOrder();
        for (int i = 0; i < keys.length; i++) {
          Value key = keys[i];
          Value child = values[i];
          if (child instanceof BooleanValue || child instanceof NullValue) {
            continue; // never masked
          }
          String name = key instanceof StringValue ks ? ks.value() : key.toString();
          where.push(name, -1);
          Value newChild = mask(child, where, sensitive(name), masked);
          where.pop();
          if (newChild != child) {
            out = out.with(key, newChild);
          }
        }
        return out;
      }
      case ArrayValue a -> {
        List<Value> items = null;
        for (int i = 0; i < a.size(); i++) {
          Value child = a.get(i);
          where.push(null, i);
          Value newChild = mask(child, where, sensitiveName && child.isScalar(), masked);
          where.pop();
          if (newChild != child) {
            if (items == null) {
              items = new ArrayList<>(a.asList());
            }
            items.set(i, newChild);
          }
        }
        return items == null ? v : ArrayValue.of(items);
      }
      default -> {
        return v;
      }
    }
  }

  /** A verdict of {@link #isSensitiveName} for a member name seen before. */
  private record NameVerdict(String name, boolean sensitive) {}

  /**
   * Recent verdicts, by a hash of the name: the member names of decision after decision are
   * nearly all the same few dozen, and comparing a name is cheaper than checking it again.
   * Entries are immutable, so threads sharing this masker at most repeat a check.
   */
  private final NameVerdict[] verdicts = new NameVerdict[256];

  /**
   * Longer names are checked each time, not remembered: names come from callers' input, and the
   * cache must not keep large strings alive.
   */
  private static final int CACHED_NAME_MAX = 64;

  private boolean sensitive(String name) {
    if (name.length() > CACHED_NAME_MAX) {
      return isSensitiveName(name);
    }
    int slot = name.hashCode() & (verdicts.length - 1);
    NameVerdict v = verdicts[slot];
    if (v != null && v.name().equals(name)) {
      return v.sensitive();
    }
    boolean sensitive = isSensitiveName(name);
    verdicts[slot] = new NameVerdict(name, sensitive);
    return sensitive;
  }

  static boolean isSensitiveName(String name) {
    // Case-insensitive without lower-casing a copy, in one pass that only compares a word where
    // its first letter occurs: this runs for every member of every logged event.
    int n = name.length();
    if (endsWithIgnoreCase(name, "_type")) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      // ASCII lower case; of the other characters only U+017F (long s) folds to one of these.
      char c = (char) (name.charAt(i) | 0x20);
      if ((c == 't' && name.regionMatches(true, i, "token", 0, 5))
          || ((c == 's' || c == '\u017f') && name.regionMatches(true, i, "secret", 0, 6))
          || (c == 'p' && name.regionMatches(true, i, "password", 0, 8))) {
        return true;
      }
    }
    return endsWithIgnoreCase(name, "assertion");
  }

  private static boolean endsWithIgnoreCase(String s, String suffix) {
    return s.regionMatches(true, s.length() - suffix.length(), suffix, 0, suffix.length());
  }

  /**
   * {@link #isSensitiveName(String)} for an ASCII name, the bytes from {@code start} to
   * {@code end}, read in place: cheaper than making it a string to look it up.
   */
  static boolean isSensitiveName(byte[] b, int start, int end) {
    if (end - start >= 5 && matchesIgnoreCase(b, end - 5, end, TYPE_SUFFIX)) {
      return false;
    }
    for (int i = start; i < end; i++) {
      int c = b[i] | 0x20;
      if ((c == 't' && matchesIgnoreCase(b, i, end, TOKEN))
          || (c == 's' && matchesIgnoreCase(b, i, end, SECRET))
          || (c == 'p' && matchesIgnoreCase(b, i, end, PASSWORD))) {
        return true;
      }
    }
    return end - start >= 9 && matchesIgnoreCase(b, end - 9, end, ASSERTION);
  }

  private static final byte[] TYPE_SUFFIX = ascii("_type");
  private static final byte[] TOKEN = ascii("token");
  private static final byte[] SECRET = ascii("secret");
  private static final byte[] PASSWORD = ascii("password");
  private static final byte[] ASSERTION = ascii("assertion");

  private static byte[] ascii(String lowerCase) {
    return lowerCase.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Whether {@code word} (lower case) is at {@code from} of {@code b}, in any case, before
   * {@code end}. Its letters match either case; its other characters only themselves.
   */
  private static boolean matchesIgnoreCase(byte[] b, int from, int end, byte[] word) {
    int n = word.length;
    if (end - from < n) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      int w = word[k];
      int x = b[from + k];
      if (x != w && ((x | 0x20) != w || w < 'a' || w > 'z')) {
        return false;
      }
    }
    return true;
  }
}
