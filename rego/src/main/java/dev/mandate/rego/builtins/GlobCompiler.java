package dev.mandate.rego.builtins;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a {@code glob.match} pattern, with the syntax of the gobwas/glob library OPA uses,
 * into an anchored RE2J pattern. Syntax: {@code *} any run of non-separator characters,
 * {@code **} any run of characters, {@code ?} one non-separator character, {@code [abc]} /
 * {@code [!abc]} a character (not) in the list, {@code [a-z]} / {@code [!a-z]} a character (not)
 * in the range, {@code {a,b}} alternatives (nestable; an unclosed one runs to the end),
 * {@code \x} a literal character. Character classes ignore separators, as in gobwas.
 *
 * <p>The lexer reproduces gobwas's quirks that decide validity and error texts: a NUL character
 * reads as end of input (it ends a literal run, or the whole pattern where an item starts), a
 * U+FFFD (or a lone surrogate) is {@code could not read rune}, a list and a range cannot be mixed
 * in one class, and a trailing backslash is dropped.
 */
final class GlobCompiler {
  private GlobCompiler() {}

  private static final int EOF = 0;

  private enum T { TEXT, ANY, SUPER, SINGLE, NOT, SEPARATOR, RANGE_OPEN, RANGE_CLOSE, RANGE_LO, RANGE_HI,
    RANGE_BETWEEN, TERMS_OPEN, TERMS_CLOSE, EOF, ERROR }

  private record Token(T type, String raw) {}

  /** Compiles the glob; throws {@link GoRegex.InvalidPattern} with gobwas's message. */
  static Pattern compile(String glob, int[] separators) {
    List<Token> tokens = new Lexer(glob).run();
    String regex = new Parser(tokens, separators).parse();
    return Pattern.compile(regex);
  }

  // ---------------------------------------------------------------- lexer

  private static final class Lexer {
    private final String data;
    private int pos;
    private int lastSize;
    private String err;
    private int termsLevel;

    Lexer(String data) {
      this.data = data;
    }

    List<Token> run() {
      List<Token> out = new ArrayList<>();
      while (true) {
        List<Token> batch = new ArrayList<>();
        fetchItem(batch);
        if (err != null) {
          // gobwas reports a lexer error before any token queued in the same step.
          out.add(new Token(T.ERROR, err));
          return out;
        }
        out.addAll(batch);
        if (!batch.isEmpty() && batch.getLast().type() == T.EOF) {
          return out;
        }
      }
    }

    private int peekSize() {
      if (pos >= data.length()) {
        return 0;
      }
      return Character.charCount(data.codePointAt(pos));
    }

    private int read() {
      if (pos >= data.length()) {
        lastSize = 0;
        return EOF;
      }
      int r = data.codePointAt(pos);
      if (r == 0xFFFD || (r >= 0xD800 && r <= 0xDFFF)) {
        err = "could not read rune";
        lastSize = 0;
        return EOF;
      }
      lastSize = Character.charCount(r);
      pos += lastSize;
      return r;
    }

    private void unread() {
      pos -= lastSize;
      lastSize = 0;
    }

    private void fetchItem(List<Token> batch) {
      int r = read();
      if (r == EOF) {
        batch.add(new Token(T.EOF, ""));
      } else if (r == '{') {
        termsLevel++;
        batch.add(new Token(T.TERMS_OPEN, "{"));
      } else if (r == ',' && termsLevel > 0) {
        batch.add(new Token(T.SEPARATOR, ","));
      } else if (r == '}' && termsLevel > 0) {
        batch.add(new Token(T.TERMS_CLOSE, "}"));
        termsLevel--;
      } else if (r == '[') {
        batch.add(new Token(T.RANGE_OPEN, "["));
        fetchRange(batch);
      } else if (r == '?') {
        batch.add(new Token(T.SINGLE, "?"));
      } else if (r == '*') {
        if (read() == '*') {
          batch.add(new Token(T.SUPER, "**"));
        } else {
          unread();
          batch.add(new Token(T.ANY, "*"));
        }
      } else {
        unread();
        fetchText(batch, termsLevel > 0 ? "?*[{},"  : "?*[{");
      }
    }

    private void fetchRange(List<Token> batch) {
      boolean wantHi = false;
      boolean wantClose = false;
      boolean seenNot = false;
      while (true) {
        int r = read();
        if (r == EOF) {
          if (err == null) {
            err = "unexpected end of input";
          }
          return;
        }
        if (wantClose) {
          if (r != ']') {
            err = "expected close range character";
          } else {
            batch.add(new Token(T.RANGE_CLOSE, "]"));
          }
          return;
        }
        if (wantHi) {
          batch.add(new Token(T.RANGE_HI, Character.toString(r)));
          wantClose = true;
          continue;
        }
        if (!seenNot && r == '!') {
          batch.add(new Token(T.NOT, "!"));
          seenNot = true;
          continue;
        }
        if (pos < data.length() && data.charAt(pos) == '-') {
          pos++;
          batch.add(new Token(T.RANGE_LO, Character.toString(r)));
          batch.add(new Token(T.RANGE_BETWEEN, "-"));
          wantHi = true;
          continue;
        }
        unread();
        fetchText(batch, "]");
        if (err != null) {
          return;
        }
        wantClose = true;
      }
    }

    private void fetchText(List<Token> batch, String breakers) {
      StringBuilder text = new StringBuilder();
      boolean escaped = false;
      while (true) {
        int r = read();
        if (r == EOF) {
          break;
        }
        if (!escaped) {
          if (r == '\\') {
            escaped = true;
            continue;
          }
          if (breakers.indexOf(r) >= 0) {
            unread();
            break;
          }
        }
        escaped = false;
        text.appendCodePoint(r);
      }
      if (!text.isEmpty()) {
        batch.add(new Token(T.TEXT, text.toString()));
      }
    }
  }

  // ---------------------------------------------------------------- parser → regex

  /** Builds the regex while parsing; alternatives are nested groups. */
  private static final class Parser {
    private final List<Token> tokens;
    private final String notSeparator;
    private final String anyRune = "(?s:.)";
    private int next;

    Parser(List<Token> tokens, int[] separators) {
      this.tokens = tokens;
      if (separators.length == 0) {
        this.notSeparator = null;
      } else {
        StringBuilder sb = new StringBuilder("[^");
        for (int s : separators) {
          appendClassRune(sb, s);
        }
        this.notSeparator = sb.append(']').toString();
      }
    }

    String parse() {
      StringBuilder out = new StringBuilder("^(?:");
      // Open alternative groups: each level is "(?:alt|alt".
      int openTerms = 0;
      while (true) {
        Token t = tokens.get(next++);
        switch (t.type()) {
          case EOF -> {
            out.append(")".repeat(openTerms));
            return out.append(")$").toString();
          }
          case ERROR -> throw new GoRegex.InvalidPattern(t.raw());
          case TEXT -> out.append(GoRegex.quoteMeta(t.raw()));
          case ANY -> out.append(notSeparator == null ? anyRune : notSeparator).append('*');
          case SUPER -> out.append(anyRune).append('*');
          case SINGLE -> out.append(notSeparator == null ? anyRune : notSeparator);
          case RANGE_OPEN -> parseRange(out);
          case TERMS_OPEN -> {
            out.append("(?:");
            openTerms++;
          }
          case SEPARATOR -> out.append('|');
          case TERMS_CLOSE -> {
            out.append(')');
            openTerms--;
          }
          default -> throw new GoRegex.InvalidPattern("unexpected token: " + t.raw());
        }
      }
    }

    private void parseRange(StringBuilder out) {
      boolean not = false;
      int lo = 0;
      int hi = 0;
      String chars = "";
      while (true) {
        Token t = tokens.get(next++);
        switch (t.type()) {
          case EOF -> throw new GoRegex.InvalidPattern("unexpected end");
          case ERROR -> throw new GoRegex.InvalidPattern(t.raw());
          case NOT -> not = true;
          case RANGE_LO -> lo = t.raw().codePointAt(0);
          case RANGE_HI -> {
            hi = t.raw().codePointAt(0);
            if (hi < lo) {
              throw new GoRegex.InvalidPattern("hi character '" + t.raw() + "' should be greater than lo '"
                  + Character.toString(lo) + "'");
            }
          }
          case TEXT -> chars = t.raw();
          case RANGE_CLOSE -> {
            boolean isRange = lo != 0 && hi != 0;
            boolean isChars = !chars.isEmpty();
            if (isChars == isRange) {
              throw new GoRegex.InvalidPattern("could not parse range");
            }
            out.append(not ? "[^" : "[");
            if (isRange) {
              appendClassRune(out, lo);
              out.append('-');
              appendClassRune(out, hi);
            } else {
              chars.codePoints().forEach(c -> appendClassRune(out, c));
            }
            out.append(']');
            return;
          }
          default -> { }
        }
      }
    }

    /** A code point inside a character class, written so no character is special. */
    private static void appendClassRune(StringBuilder sb, int r) {
      sb.append("\\x{").append(Integer.toHexString(r)).append('}');
    }
  }
}
