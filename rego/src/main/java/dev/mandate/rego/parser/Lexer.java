package dev.mandate.rego.parser;

/**
 * Splits Rego source into {@link Tokens}, following OPA's scanner: the same token boundaries, the
 * same error texts and the same positions (1-based lines; columns count code points, a tab is one
 * column). Malformed tokens do not stop lexing: they become {@link TokenKind#ILLEGAL} tokens that
 * carry the message, and the parser reports it when it reaches them, as OPA does.
 */
final class Lexer {
  private static final char BOM = '\uFEFF';

  private final char[] s;
  private final Tokens out;
  private int pos;
  private int line = 1;
  private int col = 1; // column of s[pos]
  private String error; // first problem found in the token being scanned

  private Lexer(char[] source) {
    this.s = source;
    this.out = new Tokens(source);
  }

  static Tokens lex(String source) {
    Lexer lexer = new Lexer(source.toCharArray());
    lexer.run();
    return lexer.out;
  }

  private void run() {
    if (s.length > 0 && s[0] == BOM) {
      advance();
    }
    boolean newline = false;
    int lastLine = 1;
    int lastCol = 0;
    while (true) {
      // Skip whitespace and comments, remembering newlines. A problem found there (a NUL
      // character in a comment) is reported on the next token.
      error = null;
      while (pos < s.length) {
        char c = s[pos];
        if (c == ' ' || c == '\t' || c == '\r') {
          lastLine = line;
          lastCol = col;
          advance();
        } else if (c == '\n') {
          newline = true;
          advance();
          lastLine = line;
          lastCol = 0;
        } else if (c == '#') {
          while (pos < s.length && s[pos] != '\n') {
            lastLine = line;
            lastCol = col;
            advance();
          }
        } else {
          break;
        }
      }
      if (pos >= s.length) {
        out.add(error != null ? TokenKind.ILLEGAL : TokenKind.EOF, pos, pos, lastLine, lastCol,
            newline, error);
        return;
      }
      int start = pos;
      int startLine = line;
      int startCol = col;
      TokenKind kind = scanToken();
      if (error != null) {
        kind = TokenKind.ILLEGAL;
      }
      out.add(kind, start, pos, startLine, startCol, newline, error);
      newline = false;
      if (pos > 0) {
        lastLine = line;
        lastCol = col - 1;
        if (s[pos - 1] == '\n') {
          lastCol = 0;
        }
      }
    }
  }

  private void fail(String message) {
    if (error == null) {
      error = message;
    }
  }

  /** Consumes one code point, keeping line and column up to date. */
  private void advance() {
    char c = s[pos++];
    if (c == '\n') {
      line++;
      col = 1;
      return;
    }
    if (Character.isHighSurrogate(c) && pos < s.length && Character.isLowSurrogate(s[pos])) {
      pos++;
    } else if (c == 0) {
      fail("illegal null character");
    } else if (c == BOM) {
      fail("illegal byte-order mark");
    }
    col++;
  }

  private boolean at(char c) {
    return pos < s.length && s[pos] == c;
  }

  private TokenKind scanToken() {
    char c = s[pos];
    if (isLetter(c)) {
      int start = pos;
      while (pos < s.length && (isLetter(s[pos]) || isDigit(s[pos]))) {
        advance();
      }
      return TokenKind.keywordOrIdent(s, start, pos);
    }
    if (c >= '0' && c <= '9') {
      scanNumber();
      return TokenKind.NUMBER;
    }
    advance();
    switch (c) {
      case '"':
        scanString();
        return TokenKind.STRING;
      case '`':
        scanRawString();
        return TokenKind.STRING;
      case '[':
        return TokenKind.LBRACK;
      case ']':
        return TokenKind.RBRACK;
      case '{':
        return TokenKind.LBRACE;
      case '}':
        return TokenKind.RBRACE;
      case '(':
        return TokenKind.LPAREN;
      case ')':
        return TokenKind.RPAREN;
      case ',':
        return TokenKind.COMMA;
      case ';':
        return TokenKind.SEMICOLON;
      case '.':
        return TokenKind.DOT;
      case '+':
        return TokenKind.ADD;
      case '-':
        return TokenKind.SUB;
      case '*':
        return TokenKind.MUL;
      case '/':
        return TokenKind.QUO;
      case '%':
        return TokenKind.REM;
      case '&':
        return TokenKind.AND;
      case '|':
        return TokenKind.OR;
      case ':':
        return follow('=', TokenKind.ASSIGN, TokenKind.COLON);
      case '=':
        return follow('=', TokenKind.EQUAL, TokenKind.UNIFY);
      case '>':
        return follow('=', TokenKind.GTE, TokenKind.GT);
      case '<':
        return follow('=', TokenKind.LTE, TokenKind.LT);
      case '!':
        if (at('=')) {
          advance();
          return TokenKind.NEQ;
        }
        fail("illegal ! character");
        return TokenKind.ILLEGAL;
      case '$':
        if (at('"') || at('`')) {
          // OPA 1.x only accepts template strings with a newer capability set.
          fail("template strings are not supported");
          return TokenKind.ILLEGAL;
        }
        fail("illegal $ character");
        return TokenKind.ILLEGAL;
      default:
        return TokenKind.ILLEGAL;
    }
  }

  private TokenKind follow(char next, TokenKind ifNext, TokenKind otherwise) {
    if (at(next)) {
      advance();
      return ifNext;
    }
    return otherwise;
  }

  private void scanNumber() {
    while (pos < s.length && isDecimal(s[pos])) {
      advance();
    }
    if (at('.')) {
      advance();
      if (!digits()) {
        fail("expected fraction");
      }
    }
    if (at('e') || at('E')) {
      advance();
      if (at('+') || at('-')) {
        advance();
      }
      if (!digits()) {
        fail("expected exponent");
      }
    }
    // Swallow letters glued to the number so that "0a2b" is one bad token, not two tokens.
    if (pos < s.length && isLetter(s[pos])) {
      fail("illegal number format");
      while (pos < s.length && (isLetter(s[pos]) || isDigit(s[pos]))) {
        advance();
      }
    }
  }

  private boolean digits() {
    boolean found = false;
    while (pos < s.length && isDecimal(s[pos])) {
      advance();
      found = true;
    }
    return found;
  }

  private void scanString() {
    while (true) {
      if (pos >= s.length || s[pos] == '\n') {
        fail("non-terminated string");
        return;
      }
      char c = s[pos];
      advance();
      if (c == '"') {
        return;
      }
      if (c == '\\') {
        if (pos >= s.length) {
          continue;
        }
        switch (s[pos]) {
          case '\\', '"', '/', 'b', 'f', 'n', 'r', 't' -> advance();
          case 'u' -> {
            // Like OPA's scanner, skip the 'u' and three characters unchecked; the fourth goes
            // through the loop (so a quote there still ends the string). Decoding validates.
            for (int k = 0; k < 4 && pos < s.length; k++) {
              advance();
            }
          }
          default -> fail("illegal escape sequence");
        }
      }
    }
  }

  private void scanRawString() {
    while (true) {
      if (pos >= s.length) {
        fail("non-terminated string");
        return;
      }
      char c = s[pos];
      advance();
      if (c == '`') {
        return;
      }
    }
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isDecimal(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isDigit(char c) {
    return isDecimal(c) || (c >= 0x80 && Character.isDigit(c));
  }
}
