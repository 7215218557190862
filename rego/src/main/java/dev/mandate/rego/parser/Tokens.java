package dev.mandate.rego.parser;

import java.util.Arrays;

/**
 * The token stream of one source text, stored column-wise in primitive arrays so that lexing a
 * large policy allocates a handful of arrays rather than one object per token. Whitespace and
 * comments are not tokens; what the parser needs to know about them is kept as two flags per
 * token: whether a newline came before it, and whether it touches the previous token (refs and
 * calls continue only across touching tokens, as in OPA).
 */
final class Tokens {
  final char[] source;
  private TokenKind[] kinds = new TokenKind[64];
  private int[] starts = new int[64];
  private int[] ends = new int[64];
  private int[] lines = new int[64];
  private int[] columns = new int[64];
  private boolean[] newlineBefore = new boolean[64];
  private String[] errors; // lexer errors, by token index; null while there are none
  private int size;

  Tokens(char[] source) {
    this.source = source;
  }

  void add(TokenKind kind, int start, int end, int line, int column, boolean newline, String error) {
    if (size == kinds.length) {
      int n = size * 2;
      kinds = Arrays.copyOf(kinds, n);
      starts = Arrays.copyOf(starts, n);
      ends = Arrays.copyOf(ends, n);
      lines = Arrays.copyOf(lines, n);
      columns = Arrays.copyOf(columns, n);
      newlineBefore = Arrays.copyOf(newlineBefore, n);
      if (errors != null) {
        errors = Arrays.copyOf(errors, n);
      }
    }
    kinds[size] = kind;
    starts[size] = start;
    ends[size] = end;
    lines[size] = line;
    columns[size] = column;
    newlineBefore[size] = newline;
    if (error != null) {
      if (errors == null) {
        errors = new String[kinds.length];
      }
      errors[size] = error;
    }
    size++;
  }

  int size() {
    return size;
  }

  TokenKind kind(int i) {
    return kinds[i];
  }

  int start(int i) {
    return starts[i];
  }

  int end(int i) {
    return ends[i];
  }

  int line(int i) {
    return lines[i];
  }

  int column(int i) {
    return columns[i];
  }

  boolean newlineBefore(int i) {
    return newlineBefore[i];
  }

  /** True when nothing (no whitespace, no comment) separates token i from token i - 1. */
  boolean touchesPrevious(int i) {
    return i > 0 && starts[i] == ends[i - 1];
  }

  /** The lexer's complaint about token i, or null. */
  String error(int i) {
    return errors == null ? null : errors[i];
  }

  String text(int i) {
    return new String(source, starts[i], ends[i] - starts[i]);
  }
}
