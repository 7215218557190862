package dev.mandate.rego.builtins;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code regex.globs_match}: whether two "regex globs" can match a common non-empty string,
 * with the semantics of the glob-intersection library OPA uses. A regex glob is a sequence of
 * tokens — a character, {@code .} (any character) or a set {@code [a-z0-9_]} — each optionally
 * followed by {@code *} or {@code +}; {@code \} escapes the next character. Nothing else of
 * regex syntax exists here: {@code ?}, {@code (}, {@code |} are plain characters.
 *
 * <p>The decision procedure is the library's (trim equal plain prefixes and suffixes, then walk
 * both token lists, letting a starred or plussed token absorb tokens of the other side), which
 * is a heuristic rather than a full automaton intersection; it is reproduced as is, including
 * its error texts, so answers agree with OPA's.
 */
final class GlobIntersection {
  private GlobIntersection() {}

  enum Flag { NONE, PLUS, STAR }

  enum Kind { CHAR, DOT, SET }

  /** One token; its flag is mutable because simplification merges repeated flagged tokens. */
  static final class Token {
    final Kind kind;
    final int rune;
    final CodePointSet set;
    Flag flag = Flag.NONE;

    Token(Kind kind, int rune, CodePointSet set) {
      this.kind = kind;
      this.rune = rune;
      this.set = set;
    }

    /** Same content, flags aside. */
    boolean sameAs(Token o) {
      if (kind != o.kind) {
        return false;
      }
      return switch (kind) {
        case CHAR -> rune == o.rune;
        case DOT -> true;
        case SET -> set.equals(o.set);
      };
    }
  }

  /** Sorted, merged inclusive code point ranges. */
  record CodePointSet(List<int[]> ranges) {
    static CodePointSet of(List<int[]> raw) {
      List<int[]> sorted = new ArrayList<>(raw);
      sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
      List<int[]> merged = new ArrayList<>();
      for (int[] r : sorted) {
        if (!merged.isEmpty() && merged.getLast()[1] >= r[0] - 1) {
          merged.getLast()[1] = Math.max(merged.getLast()[1], r[1]);
        } else {
          merged.add(new int[] {r[0], r[1]});
        }
      }
      return new CodePointSet(merged);
    }

    boolean contains(int r) {
      for (int[] range : ranges) {
        if (r >= range[0] && r <= range[1]) {
          return true;
        }
      }
      return false;
    }

    boolean intersects(CodePointSet o) {
      for (int[] a : ranges) {
        for (int[] b : o.ranges) {
          if (a[0] <= b[1] && b[0] <= a[1]) {
            return true;
          }
        }
      }
      return false;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof CodePointSet other) || other.ranges.size() != ranges.size()) {
        return false;
      }
      for (int i = 0; i < ranges.size(); i++) {
        if (ranges.get(i)[0] != other.ranges.get(i)[0] || ranges.get(i)[1] != other.ranges.get(i)[1]) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      int h = 1;
      for (int[] r : ranges) {
        h = 31 * h + r[0] * 17 + r[1];
      }
      return h;
    }
  }

  /** Whether the two globs intersect; throws {@link GoRegex.InvalidPattern} for a bad glob. */
  static boolean nonEmpty(String lhs, String rhs) {
    List<Token> g1 = parse(lhs);
    List<Token> g2 = parse(rhs);
    // Trim equal unflagged prefixes, keeping one token so neither glob becomes empty.
    int l = 0;
    for (; l < g1.size() && l < g2.size() && g1.get(l).flag == Flag.NONE && g2.get(l).flag == Flag.NONE; l++) {
      if (!match(g1.get(l), g2.get(l))) {
        return false;
      }
    }
    if (l > 0) {
      l--;
    }
    // Likewise for suffixes.
    int r1 = g1.size() - 1;
    int r2 = g2.size() - 1;
    for (; r1 >= 0 && r1 >= l && r2 >= 0 && r2 >= l
        && g1.get(r1).flag == Flag.NONE && g2.get(r2).flag == Flag.NONE; r1--, r2--) {
      if (!match(g1.get(r1), g2.get(r2))) {
        return false;
      }
    }
    if (r1 < g1.size() - 1) {
      r1++;
      r2++;
    }
    return intersectNormal(slice(g1, l, r1 + 1), slice(g2, l, r2 + 1));
  }

  private static List<Token> slice(List<Token> g, int from, int to) {
    int f = Math.min(Math.max(from, 0), g.size());
    return g.subList(f, Math.min(Math.max(to, f), g.size()));
  }

  private static boolean intersectNormal(List<Token> g1, List<Token> g2) {
    int i = 0;
    int j = 0;
    for (; i < g1.size() && j < g2.size(); i++, j++) {
      if (g1.get(i).flag == Flag.NONE && g2.get(j).flag == Flag.NONE) {
        if (!match(g1.get(i), g2.get(j))) {
          return false;
        }
      } else {
        return intersectSpecial(g1.subList(i, g1.size()), g2.subList(j, g2.size()));
      }
    }
    return i == g1.size() && j == g2.size();
  }

  private static boolean intersectSpecial(List<Token> g1, List<Token> g2) {
    if (g1.getFirst().flag != Flag.NONE) {
      return g1.getFirst().flag == Flag.PLUS ? intersectPlus(g1, g2) : intersectStar(g1, g2);
    }
    return g2.getFirst().flag == Flag.PLUS ? intersectPlus(g2, g1) : intersectStar(g2, g1);
  }

  /** plussed[0] must absorb at least the first token of other. */
  private static boolean intersectPlus(List<Token> plussed, List<Token> other) {
    if (other.isEmpty() || !match(plussed.getFirst(), other.getFirst())) {
      return false;
    }
    if (intersectStar(plussed, other.subList(1, other.size()))) {
      return true;
    }
    return other.getFirst().flag != Flag.NONE && intersectNormal(plussed.subList(1, plussed.size()), other);
  }

  /** starred[0] absorbs tokens of other until the rest of both can be matched up. */
  private static boolean intersectStar(List<Token> starred, List<Token> other) {
    Token starToken = starred.getFirst();
    Token nextToken = starred.size() > 1 ? starred.get(1) : null;
    for (int i = 0; i < other.size(); i++) {
      Token t = other.get(i);
      if (nextToken != null && match(t, nextToken)) {
        if (intersectNormal(starred.subList(1, starred.size()), other.subList(i, other.size()))) {
          return true;
        }
        if (!match(t, starToken)) {
          return false;
        }
      } else if (!match(t, starToken)) {
        return false;
      }
    }
    return nextToken == null;
  }

  /** Whether two single tokens can match a common character, flags aside. */
  private static boolean match(Token a, Token b) {
    if (a.kind.ordinal() > b.kind.ordinal()) {
      Token t = a;
      a = b;
      b = t;
    }
    return switch (a.kind) {
      case CHAR -> switch (b.kind) {
        case CHAR -> a.rune == b.rune;
        case DOT -> true;
        case SET -> b.set.contains(a.rune);
      };
      case DOT -> true;
      case SET -> a.set.intersects(b.set);
    };
  }

  // ---------------------------------------------------------------- tokenizer

  private static final String INVALID = ": the input provided is invalid";

  private static GoRegex.InvalidPattern invalid(String input, int pos, String message) {
    return new GoRegex.InvalidPattern("input:" + input + ", pos:" + pos + ", " + message + INVALID);
  }

  /** A rune read from the input: its value, whether it was escaped, and the next index. */
  private record Rune(int value, boolean escaped, int next) {}

  private static final class Tokenizer {
    final String text;
    final int[] in;

    Tokenizer(String text) {
      this.text = text;
      this.in = text.codePoints().toArray();
    }

    /** The rune at index, or null at the end of input. */
    Rune nextRune(int index) {
      if (index >= in.length) {
        return null;
      }
      if (in[index] == '\\') {
        if (index < in.length - 1) {
          return new Rune(in[index + 1], true, index + 2);
        }
        throw invalid(text, index, "input ends with a \\ (escape) character");
      }
      return new Rune(in[index], false, index + 1);
    }

    List<Token> tokenize() {
      List<Token> tokens = new ArrayList<>();
      int index = 0;
      while (true) {
        Rune r = nextRune(index);
        if (r == null) {
          return tokens;
        }
        Token token;
        index = r.next();
        if (!r.escaped() && r.value() == '.') {
          token = new Token(Kind.DOT, 0, null);
        } else if (!r.escaped() && r.value() == '[') {
          int[] next = new int[1];
          token = nextSet(index, next);
          index = next[0];
        } else if (!r.escaped() && r.value() == ']') {
          throw invalid(text, index, "set-close ']' with no preceding '['");
        } else if (!r.escaped() && (r.value() == '+' || r.value() == '*')) {
          throw invalid(text, index, "flag '" + Character.toString(r.value()) + "' must be preceded by a non-flag");
        } else {
          token = new Token(Kind.CHAR, r.value(), null);
        }
        Rune f = nextRune(index);
        if (f != null && !f.escaped() && (f.value() == '+' || f.value() == '*')) {
          token.flag = f.value() == '+' ? Flag.PLUS : Flag.STAR;
          index = f.next();
        }
        tokens.add(token);
      }
    }

    private Token nextSet(int index, int[] nextIndex) {
      List<int[]> ranges = new ArrayList<>();
      boolean complete = false;
      boolean prevExists = false;
      int prev = 0;
      int newIndex = index;
      Rune r;
      while ((r = nextRune(newIndex)) != null) {
        newIndex = r.next();
        if (!r.escaped()) {
          if (r.value() == '-') {
            if (!prevExists) {
              throw invalid(text, newIndex, "range character '-' must be preceded by a Unicode character");
            }
            if (newIndex >= in.length - 1) {
              throw invalid(text, newIndex, "range character '-' must be followed by a Unicode character");
            }
            Rune hi = nextRune(newIndex);
            newIndex = hi.next();
            if (!hi.escaped() && (hi.value() == ']' || hi.value() == '-')) {
              throw invalid(text, newIndex, "range character '-' cannot be followed by a special symbol");
            }
            if (hi.value() < prev) {
              throw invalid(text, newIndex, "range is out of order: '" + Character.toString(hi.value())
                  + "' comes before '" + Character.toString(prev) + "' in Unicode");
            }
            ranges.add(new int[] {prev, hi.value()});
            prevExists = false;
            continue;
          }
          if (r.value() == ']') {
            complete = true;
            break;
          }
        }
        ranges.add(new int[] {r.value(), r.value()});
        prev = r.value();
        prevExists = true;
      }
      if (!complete) {
        throw invalid(text, newIndex, "found [ without matching ]");
      }
      nextIndex[0] = newIndex;
      return new Token(Kind.SET, 0, CodePointSet.of(ranges));
    }
  }

  /** Tokenizes and simplifies: consecutive equal flagged tokens merge ({@code a*a+} is {@code a+}). */
  static List<Token> parse(String glob) {
    List<Token> tokens = new Tokenizer(glob).tokenize();
    if (tokens.isEmpty()) {
      return tokens;
    }
    List<Token> simple = new ArrayList<>();
    simple.add(tokens.getFirst());
    Token latest = tokens.getFirst();
    for (int i = 1; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.flag != Flag.NONE && latest.flag != Flag.NONE && t.sameAs(latest)) {
        simple.getLast().flag = t.flag == Flag.PLUS || latest.flag == Flag.PLUS ? Flag.PLUS : Flag.STAR;
        continue;
      }
      latest = t;
      simple.add(t);
    }
    return simple;
  }
}
