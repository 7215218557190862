package dev.mandate.rego.parser;

import dev.mandate.rego.ast.Location;

/**
 * The parser's position in the token stream, with OPA's error wording.
 *
 * <p>The current token's kind is held in {@link #kind} rather than read from the stream because
 * OPA lets a keyword act as an identifier at a few places ({@code if.x}, {@code else[0]} at the
 * start of a statement); the parser then overrides the kind of the current token only.
 */
class TokenCursor {
  final Tokens tokens;
  final String file;
  int pos;
  TokenKind kind;

  TokenCursor(Tokens tokens, String file) {
    this.tokens = tokens;
    this.file = file;
    this.kind = tokens.kind(0);
    checkLexError();
  }

  /** Moves to the next token; reports the lexer's error if that token is malformed. */
  final void next() {
    if (pos < tokens.size() - 1) {
      pos++;
    }
    kind = tokens.kind(pos);
    checkLexError();
  }

  private void checkLexError() {
    String error = tokens.error(pos);
    if (error != null) {
      throw new ParseFailure(location(), error, false);
    }
  }

  final int save() {
    return pos;
  }

  final void restore(int saved) {
    pos = saved;
    kind = tokens.kind(pos);
  }

  final Location location() {
    return new Location(file, tokens.line(pos), tokens.column(pos));
  }

  /** True when nothing separates the current token from the previous one. */
  final boolean touching() {
    return tokens.touchesPrevious(pos);
  }

  /** True when the token after the current one touches it and is a {@code .} or {@code [}. */
  final boolean refFollows() {
    int n = pos + 1;
    if (n >= tokens.size() || !tokens.touchesPrevious(n)) {
      return false;
    }
    TokenKind k = tokens.kind(n);
    return k == TokenKind.DOT || k == TokenKind.LBRACK;
  }

  /**
   * OPA accepts a keyword as the first name of a ref ({@code if.x}, {@code contains[0]}) at the
   * start of statements and expressions: when a {@code .} or {@code [} touches it, the current
   * keyword becomes an identifier.
   */
  final boolean keywordAsRefHead() {
    if (kind.keyword && refFollows()) {
      kind = TokenKind.IDENT;
      return true;
    }
    return false;
  }

  final String text() {
    return tokens.text(pos);
  }

  final ParseFailure failure(Location location, String message) {
    return new ParseFailure(location, message, false);
  }

  /** OPA's "unexpected X token" error at the current token, with an optional note. */
  final ParseFailure illegal(String note) {
    if (kind == TokenKind.ILLEGAL) {
      return failure(location(), "illegal token");
    }
    String what = kind.keyword ? "keyword" : "token";
    String message = "unexpected " + kind.display + " " + what;
    return failure(location(), note.isEmpty() ? message : message + ": " + note);
  }

  /**
   * OPA reports the whitespace that follows a dangling {@code .} as an "unexpected whitespace
   * token" at the position of that whitespace (a newline sits at column 0 of the next line).
   */
  final ParseFailure unexpectedWhitespaceAfter(int tokenIndex, String note) {
    char[] src = tokens.source;
    int offset = tokens.end(tokenIndex);
    while (offset < src.length && src[offset] == '#') {
      while (offset < src.length && src[offset] != '\n') {
        offset++;
      }
    }
    int line = 1;
    int col = 1;
    for (int i = 0; i < offset && i < src.length; i++) {
      char c = src[i];
      if (c == '\n') {
        line++;
        col = 1;
      } else if (!Character.isLowSurrogate(c)) {
        col++;
      }
    }
    if (offset < src.length && src[offset] == '\n') {
      line++;
      col = 0;
    }
    return failure(new Location(file, line, col), "unexpected whitespace token: " + note);
  }
}
