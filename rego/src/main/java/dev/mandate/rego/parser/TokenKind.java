package dev.mandate.rego.parser;

/**
 * The kinds of Rego tokens. {@link #display} is the name OPA uses in "unexpected X token" messages
 * (operators are named after their built-in, e.g. {@code plus}), so error texts match OPA's.
 */
enum TokenKind {
  /** A character that starts no token, or a token the lexer rejected (then it carries a message). */
  ILLEGAL("illegal", false),
  EOF("eof", false),
  IDENT("identifier", false),

  PACKAGE("package", true),
  IMPORT("import", true),
  AS("as", true),
  DEFAULT("default", true),
  ELSE("else", true),
  NOT("not", true),
  SOME("some", true),
  WITH("with", true),
  NULL("null", true),
  TRUE("true", true),
  FALSE("false", true),
  // Rego v1 makes the former "future" keywords permanent.
  IN("in", true),
  EVERY("every", true),
  CONTAINS("contains", true),
  IF("if", true),

  NUMBER("number", false),
  STRING("string", false),

  LBRACK("[", false),
  RBRACK("]", false),
  LBRACE("{", false),
  RBRACE("}", false),
  LPAREN("(", false),
  RPAREN(")", false),
  COMMA(",", false),
  COLON(":", false),

  ADD("plus", false),
  SUB("minus", false),
  MUL("mul", false),
  QUO("div", false),
  REM("rem", false),
  AND("and", false),
  OR("or", false),
  UNIFY("eq", false),
  EQUAL("equal", false),
  ASSIGN("assign", false),
  NEQ("neq", false),
  GT("gt", false),
  LT("lt", false),
  GTE("gte", false),
  LTE("lte", false),
  DOT(".", false),
  SEMICOLON(";", false);

  final String display;
  final boolean keyword;

  TokenKind(String display, boolean keyword) {
    this.display = display;
    this.keyword = keyword;
  }

  /** The keyword token for an identifier's text, or {@link #IDENT}. */
  static TokenKind keywordOrIdent(char[] src, int start, int end) {
    int len = end - start;
    if (len < 2 || len > 8) {
      return IDENT;
    }
    // A switch on the first character keeps keyword lookup allocation-free.
    return switch (src[start]) {
      case 'a' -> matches(src, start, len, "as") ? AS : IDENT;
      case 'c' -> matches(src, start, len, "contains") ? CONTAINS : IDENT;
      case 'd' -> matches(src, start, len, "default") ? DEFAULT : IDENT;
      case 'e' -> matches(src, start, len, "else") ? ELSE : matches(src, start, len, "every") ? EVERY : IDENT;
      case 'f' -> matches(src, start, len, "false") ? FALSE : IDENT;
      case 'i' -> matches(src, start, len, "if") ? IF
          : matches(src, start, len, "in") ? IN
          : matches(src, start, len, "import") ? IMPORT : IDENT;
      case 'n' -> matches(src, start, len, "not") ? NOT : matches(src, start, len, "null") ? NULL : IDENT;
      case 'p' -> matches(src, start, len, "package") ? PACKAGE : IDENT;
      case 's' -> matches(src, start, len, "some") ? SOME : IDENT;
      case 't' -> matches(src, start, len, "true") ? TRUE : IDENT;
      case 'w' -> matches(src, start, len, "with") ? WITH : IDENT;
      default -> IDENT;
    };
  }

  private static boolean matches(char[] src, int start, int len, String word) {
    if (word.length() != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (src[start + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** True for the Rego v1 keywords (used to reject them as rule names and import path ends). */
  static boolean isKeyword(String name) {
    char[] chars = name.toCharArray();
    return keywordOrIdent(chars, 0, chars.length) != IDENT;
  }
}
