package dev.mandate.pdp.decisionlog;

import dev.mandate.rego.value.JsonBytes;
import dev.mandate.rego.value.PlainStrings;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Logs a document from JSON text it already has, instead of encoding its value again: the
 * exchange API's input from the request body, its result from the response's encoding. The text
 * is copied without its whitespace, and masked by the same rules as {@link Masker} (the same
 * name test and the same credential pattern). Reading a few kilobytes of text once is far
 * cheaper for the writer thread than walking the hundred-odd values another CPU built.
 *
 * <p>Members keep the order the client sent them in, and numbers their spelling; the document is
 * the same JSON value as the one that was evaluated. Only plain documents are copied: every
 * string ASCII and free of escapes, no object with repeated or more than
 * {@value #MAX_MEMBERS} member names, nesting at most {@value #MAX_DEPTH} deep. For anything else
 * (and for text that is not what this copier expects, such as JSON in UTF-16, which the parser
 * accepts) {@link #copy} reports failure and the caller encodes the parsed document instead. A
 * repeated name in particular must not be copied: the evaluation saw only the last of its
 * values, and a reader of the log might take the first.
 *
 * <p>Not thread-safe: it reuses one cursor. Each {@link EventEncoder} has its own.
 */
final class RawJsonMasker {
  /** Objects with more members are left to the value encoder: the repeat check is quadratic. */
  static final int MAX_MEMBERS = 32;
  static final int MAX_DEPTH = 64;

  private static final byte[] MARKER =
      ('"' + Masker.MARKER + '"').getBytes(StandardCharsets.US_ASCII);

  /** The cursor, reused: its arrays are kept from one document to the next. */
  private final Copy copy = new Copy();

  RawJsonMasker() {}

  /**
   * Appends the masked, compacted copy of {@code json} to {@code out}, adding the pointer of each
   * masked value (rooted at {@code root}) to {@code masked}. Returns false, with {@code out} and
   * {@code masked} as they were, when the text is not one this copier takes.
   */
  boolean copy(byte[] json, String root, JsonBytes out, List<String> masked) {
    int outMark = out.length();
    int maskedMark = masked.size();
    Copy c = copy.reset(json, root, out, masked);
    boolean ok = c.value(false) && c.skipWhitespace() == json.length;
    if (!ok) {
      out.truncate(outMark);
      masked.subList(maskedMark, masked.size()).clear();
    }
    return ok;
  }

  /** One document's copy: a cursor over its bytes and the path to the value being copied. */
  private static final class Copy {
    private byte[] in;
    private String root;
    private JsonBytes out;
    private List<String> masked;
    private int pos;
    /** Per level below the root: the member name's offset and length, or -1 and the index. */
    private int[] nameStart = new int[8];
    private int[] nameLengthOrIndex = new int[8];
    private int depth;
    /** The names of the objects being copied, as offset and length pairs, for the repeat check. */
    private int[] names = new int[64];
    private int namesTop;

    Copy reset(byte[] in, String root, JsonBytes out, List<String> masked) {
      this.in = in;
      this.root = root;
      this.out = out;
      this.masked = masked;
      pos = 0;
      depth = 0;
      namesTop = 0;
      return this;
    }

    /** Enters a member ({@code start} its name's offset) or an element ({@code start} -1). */
    private void push(int start, int lengthOrIndex) {
      if (depth == nameStart.length) {
        nameStart = java.util.Arrays.copyOf(nameStart, depth * 2);
        nameLengthOrIndex = java.util.Arrays.copyOf(nameLengthOrIndex, depth * 2);
      }
      nameStart[depth] = start;
      nameLengthOrIndex[depth] = lengthOrIndex;
      depth++;
    }

    int skipWhitespace() {
      while (pos < in.length) {
        byte b = in[pos];
        if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
          break;
        }
        pos++;
      }
      return pos;
    }

    /** Copies one value; {@code sensitive}: a string or number here is masked. */
    boolean value(boolean sensitive) {
      if (skipWhitespace() == in.length) {
        return false;
      }
      return switch (in[pos]) {
        case '{' -> object();
        case '[' -> array(sensitive);
        case '"' -> string(sensitive);
        case 't' -> literal("true");
        case 'f' -> literal("false");
        case 'n' -> literal("null");
        default -> number(sensitive);
      };
    }

    /** What follows a member or an element: see {@link #separator}. */
    private static final int NEXT = 0;
    private static final int CLOSED = 1;
    private static final int MALFORMED = -1;

    /**
     * Copies the opening bracket at {@code pos}; true, with the closing bracket copied too, if
     * the collection is empty.
     */
    private boolean open(char open, char close) {
      pos++;
      out.raw(open);
      if (skipWhitespace() < in.length && in[pos] == close) {
        pos++;
        out.raw(close);
        return true;
      }
      return false;
    }

    /**
     * Copies what follows a member or an element: a comma ({@link #NEXT}), the collection's
     * closing bracket ({@link #CLOSED}), or anything else ({@link #MALFORMED}, nothing copied).
     */
    private int separator(char close) {
      if (skipWhitespace() == in.length) {
        return MALFORMED;
      }
      byte b = in[pos++];
      if (b == close || b == ',') {
        out.raw((char) b);
        return b == close ? CLOSED : NEXT;
      }
      return MALFORMED;
    }

    private boolean object() {
      if (depth == MAX_DEPTH) {
        return false;
      }
      int firstName = namesTop;
      if (open('{', '}')) {
        return true;
      }
      while (true) {
        if (skipWhitespace() == in.length || in[pos] != '"') {
          return false;
        }
        int start = pos + 1;
        int end = stringEnd(start);
        if (end < 0 || !firstUse(firstName, start, end)) {
          return false;
        }
        pos = end + 1;
        out.bytes(in, start - 1, end - start + 2);
        if (skipWhitespace() == in.length || in[pos] != ':') {
          return false;
        }
        pos++;
        out.raw(':');
        push(start, end - start);
        boolean ok = value(Masker.isSensitiveName(in, start, end));
        depth--;
        int next = ok ? separator('}') : MALFORMED;
        if (next != NEXT) {
          namesTop = firstName;
          return next == CLOSED;
        }
      }
    }

    /** Records the name at {@code start..end}; false if this object has it already, or too many. */
    private boolean firstUse(int firstName, int start, int end) {
      int length = end - start;
      for (int i = firstName; i < namesTop; i += 2) {
        if (names[i + 1] == length
            && java.util.Arrays.equals(in, names[i], names[i] + length, in, start, end)) {
          return false;
        }
      }
      if ((namesTop - firstName) / 2 == MAX_MEMBERS) {
        return false;
      }
      if (namesTop == names.length) {
        names = java.util.Arrays.copyOf(names, names.length * 2);
      }
      names[namesTop++] = start;
      names[namesTop++] = length;
      return true;
    }

    private boolean array(boolean sensitive) {
      if (depth == MAX_DEPTH) {
        return false;
      }
      if (open('[', ']')) {
        return true;
      }
      for (int i = 0; ; i++) {
        if (skipWhitespace() == in.length) {
          return false;
        }
        // As Masker does: under a sensitive name, scalar elements are masked and nested
        // collections searched.
        boolean container = in[pos] == '{' || in[pos] == '[';
        push(-1, i);
        boolean ok = value(sensitive && !container);
        depth--;
        int next = ok ? separator(']') : MALFORMED;
        if (next != NEXT) {
          return next == CLOSED;
        }
      }
    }

    private boolean string(boolean sensitive) {
      int start = pos + 1;
      int end = stringEnd(start);
      if (end < 0) {
        return false;
      }
      pos = end + 1;
      if (sensitive || Masker.looksLikeCompactJose(in, start, end)) {
        masked();
      } else {
        out.bytes(in, start - 1, end - start + 2);
      }
      return true;
    }

    /**
     * The position of the closing quote of the string whose content starts at {@code start}, or
     * -1 if the string has an escape, a control or non-ASCII character, or no end.
     */
    private int stringEnd(int start) {
      return PlainStrings.end(in, start, in.length);
    }

    private boolean literal(String word) {
      int n = word.length();
      if (pos + n > in.length) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (in[pos + i] != word.charAt(i)) {
          return false;
        }
      }
      out.bytes(in, pos, n);
      pos += n;
      return true;
    }

    /** A number, which the parser has already checked: its characters up to a delimiter. */
    private boolean number(boolean sensitive) {
      int start = pos;
      while (pos < in.length) {
        byte b = in[pos];
        if ((b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E') {
          pos++;
        } else {
          break;
        }
      }
      if (pos == start) {
        return false;
      }
      if (sensitive) {
        masked();
      } else {
        out.bytes(in, start, pos - start);
      }
      return true;
    }

    private void masked() {
      out.bytes(MARKER, 0, MARKER.length);
      StringBuilder p = new StringBuilder().append('/').append(root);
      for (int i = 0; i < depth; i++) {
        p.append('/');
        if (nameStart[i] < 0) {
          p.append(nameLengthOrIndex[i]);
        } else {
          p.append(JsonPointer.escape(
              new String(in, nameStart[i], nameLengthOrIndex[i], StandardCharsets.US_ASCII)));
        }
      }
      masked.add(p.toString());
    }
  }
}
