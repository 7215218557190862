package dev.mandate.rego.builtins;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parser for the subset of Go's {@code text/template} that {@code strings.render_template}
 * supports: text; {@code {{pipeline}}} actions with {@code |}; operands {@code .}, fields
 * {@code .a.b}, variables {@code $} / {@code $x.a}, parenthesised pipelines, string, raw string,
 * character, number and boolean literals; {@code if} / {@code else if} / {@code else},
 * {@code range} (with one or two declared variables), {@code with}, {@code break},
 * {@code continue}; variable declaration and assignment; comments and the {@code {{- -}}} trim
 * markers. Functions are those of {@link GoTemplateExecutor}. Nested template definitions
 * ({@code define}, {@code template}, {@code block}) are refused.
 *
 * <p>Errors carry Go's text ({@code template: template:1: unexpected EOF}); positions are byte
 * offsets into the UTF-8 template, as Go reports them.
 */
final class GoTemplate {
  static final String NAME = "template";

  /** Parse and execution failures, worded as Go words them. */
  static final class TemplateException extends RuntimeException {
    TemplateException(String message) {
      super(message, null, false, false);
    }
  }

  // ---------------------------------------------------------------- tree

  sealed interface Node permits Text, Action, If, Range, With, Break, Continue {}

  record Text(String text) implements Node {}

  record Action(Pipe pipe) implements Node {}

  record If(Pipe pipe, List<Node> then, List<Node> otherwise) implements Node {}

  record Range(Pipe pipe, List<Node> then, List<Node> otherwise) implements Node {}

  record With(Pipe pipe, List<Node> then, List<Node> otherwise) implements Node {}

  record Break(int pos) implements Node {}

  record Continue(int pos) implements Node {}

  /** Declared or assigned variables, then commands joined by {@code |}. */
  record Pipe(int pos, List<String> decl, boolean isAssign, List<Command> cmds) {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      if (!decl.isEmpty()) {
        sb.append(String.join(", ", decl)).append(isAssign ? " = " : " := ");
      }
      for (int i = 0; i < cmds.size(); i++) {
        if (i > 0) {
          sb.append(" | ");
        }
        sb.append(cmds.get(i));
      }
      return sb.toString();
    }
  }

  record Command(int pos, List<Arg> args) {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < args.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        sb.append(args.get(i));
      }
      return sb.toString();
    }
  }

  /** An operand. {@code pos} is where Go says the operand is (for a chain, its first link). */
  sealed interface Arg permits Dot, Field, Variable, Chain, Ident, Literal, Nil {
    int pos();
  }

  record Dot(int pos) implements Arg {
    @Override public String toString() { return "."; }
  }

  record Field(int pos, List<String> names) implements Arg {
    @Override public String toString() { return "." + String.join(".", names); }
  }

  /** {@code $} or {@code $x}, optionally followed by fields. */
  record Variable(int pos, String name, List<String> fields) implements Arg {
    @Override public String toString() { return fields.isEmpty() ? name : name + "." + String.join(".", fields); }
  }

  /** A parenthesised pipeline, optionally followed by fields. */
  record Chain(int pos, Pipe pipe, List<String> fields) implements Arg {
    @Override
    public String toString() {
      String base = "(" + pipe + ")";
      return fields.isEmpty() ? base : base + "." + String.join(".", fields);
    }
  }

  record Ident(int pos, String name) implements Arg {
    @Override public String toString() { return name; }
  }

  /** A constant: a String, a Long (Go int), a Double (float64), an Integer rune, a Boolean. */
  record Literal(int pos, Object value, String text) implements Arg {
    @Override public String toString() { return text; }
  }

  record Nil(int pos) implements Arg {
    @Override public String toString() { return "nil"; }
  }

  // ---------------------------------------------------------------- parsing

  static List<Node> parse(String src) {
    return new Parser(src).parseTemplate();
  }

  private static final Set<String> KEYWORDS = Set.of("if", "else", "end", "range", "with", "define",
      "template", "block", "break", "continue", "true", "false", "nil");

  /** An action's tokens: kind, text and byte position. */
  private record Tok(char kind, String text, int pos) {}

  // Token kinds.
  private static final char FIELD = 'f';
  private static final char VAR = '$';
  private static final char DOTK = '.';
  private static final char STRING = 's';
  private static final char NUMBER = 'n';
  private static final char CHAR = 'c';
  private static final char IDENT = 'i';
  private static final char PIPE = '|';
  private static final char LPAREN = '(';
  private static final char RPAREN = ')';
  private static final char DECLARE = ':';
  private static final char ASSIGN = '=';
  private static final char COMMA = ',';
  private static final char OTHER = '?';

  private static final class Parser {
    private final String src;
    private int pos;
    /** Variables in scope, innermost last; each control structure opens a scope. */
    private final List<String> vars = new ArrayList<>(List.of("$"));
    private List<Tok> toks;
    private int tk;
    private int rangeDepth;

    Parser(String src) {
      this.src = src;
    }

    private TemplateException error(String message) {
      return new TemplateException("template: " + NAME + ":" + lineOf(pos) + ": " + message);
    }

    private int lineOf(int charPos) {
      int line = 1;
      for (int i = 0; i < Math.min(charPos, src.length()); i++) {
        if (src.charAt(i) == '\n') {
          line++;
        }
      }
      return line;
    }

    List<Node> parseTemplate() {
      List<Node> nodes = new ArrayList<>();
      String end = parseList(nodes);
      if (end != null) {
        throw error("unexpected {{" + end + "}}");
      }
      return nodes;
    }

    /**
     * Parses nodes until {@code {{end}}} or {@code {{else ...}}} (returned as "end"/"else",
     * with the else's remaining tokens left for the caller) or the end of input (null).
     */
    private String parseList(List<Node> out) {
      while (true) {
        int open = src.indexOf("{{", pos);
        if (open < 0) {
          addText(out, src.substring(pos));
          pos = src.length();
          return null;
        }
        boolean trimLeft = src.startsWith("-", open + 2) && open + 3 < src.length() && isSpace(src.charAt(open + 3));
        String text = src.substring(pos, open);
        addText(out, trimLeft ? stripTrailing(text) : text);
        pos = open + (trimLeft ? 4 : 2);
        if (src.startsWith("/*", pos)) {
          parseComment();
          continue;
        }
        lexAction();
        if (toks.isEmpty()) {
          throw error("missing value for command");
        }
        Tok first = toks.get(0);
        if (first.kind() == IDENT) {
          switch (first.text()) {
            case "end" -> {
              expectActionEnd(1, "end");
              return "end";
            }
            case "else" -> {
              return "else";
            }
            case "if", "range", "with" -> {
              out.add(parseControl(first.text()));
              continue;
            }
            case "break", "continue" -> {
              if (rangeDepth == 0) {
                throw error("{{" + first.text() + "}} outside {{range}}");
              }
              expectActionEnd(1, first.text());
              out.add(first.text().equals("break") ? new Break(first.pos()) : new Continue(first.pos()));
              continue;
            }
            case "define", "template", "block" ->
                throw error("{{" + first.text() + "}} is not supported by strings.render_template");
            default -> { }
          }
        }
        tk = 0;
        Pipe pipe = parsePipe("command");
        out.add(new Action(pipe));
      }
    }

    private void addText(List<Node> out, String text) {
      if (!text.isEmpty()) {
        out.add(new Text(text));
      }
    }

    private void expectActionEnd(int at, String what) {
      if (toks.size() > at) {
        throw error("unexpected " + describe(toks.get(at)) + " in " + what);
      }
    }

    /**
     * {@code if}, {@code range} or {@code with} up to its {@code {{end}}}. As in Go,
     * {@code {{else if ...}}} and {@code {{else with ...}}} open a nested control whose
     * {@code {{end}}} also ends this one.
     */
    private Node parseControl(String keyword) {
      int scope = vars.size();
      tk = 1;
      Pipe pipe = parsePipe(keyword);
      if (keyword.equals("range")) {
        rangeDepth++;
      }
      List<Node> then = new ArrayList<>();
      List<Node> otherwise = new ArrayList<>();
      String end = parseList(then);
      if (end == null) {
        throw error("unexpected EOF");
      }
      if (keyword.equals("range")) {
        rangeDepth--;
      }
      if (end.equals("else")) {
        String chained = toks.size() > 1 && toks.get(1).kind() == IDENT ? toks.get(1).text() : "";
        if (chained.equals("if") || chained.equals("with")) {
          toks = toks.subList(1, toks.size());
          otherwise.add(parseControl(chained));
        } else {
          expectActionEnd(1, "else");
          String end2 = parseList(otherwise);
          if (end2 == null) {
            throw error("unexpected EOF");
          }
          if (!end2.equals("end")) {
            throw error("expected end; found {{else}}");
          }
        }
      }
      truncateVars(scope);
      return switch (keyword) {
        case "if" -> new If(pipe, then, otherwise);
        case "range" -> new Range(pipe, then, otherwise);
        default -> new With(pipe, then, otherwise);
      };
    }

    private void truncateVars(int size) {
      while (vars.size() > size) {
        vars.removeLast();
      }
    }

    private void parseComment() {
      int close = src.indexOf("*/", pos + 2);
      if (close < 0) {
        throw error("unclosed comment");
      }
      int after = close + 2;
      if (src.startsWith("}}", after)) {
        pos = after + 2;
        return;
      }
      if (after + 1 < src.length() && isSpace(src.charAt(after)) && src.startsWith("-}}", after + 1)) {
        pos = after + 4;
        pos = skipLeadingSpace(pos);
        return;
      }
      throw error("comment ends before closing delimiter");
    }

    private int skipLeadingSpace(int p) {
      while (p < src.length() && isSpace(src.charAt(p))) {
        p++;
      }
      return p;
    }

    /** Parses {@code [decl :=] command (| command)*} from toks[tk..]. */
    private Pipe parsePipe(String context) {
      int pipePos = tk < toks.size() ? toks.get(tk).pos() : 0;
      List<String> decl = new ArrayList<>();
      boolean isAssign = false;
      // Declarations: $x := or $x, $y := (range) or $x = .
      int save = tk;
      if (tk < toks.size() && toks.get(tk).kind() == VAR && isPlainVariable(toks.get(tk).text())) {
        int look = tk + 1;
        List<String> names = new ArrayList<>(List.of(toks.get(tk).text()));
        if (look < toks.size() && toks.get(look).kind() == COMMA && context.equals("range")) {
          look++;
          if (look < toks.size() && toks.get(look).kind() == VAR) {
            names.add(toks.get(look).text());
            look++;
          }
          if (look < toks.size() && toks.get(look).kind() == COMMA) {
            throw error("too many declarations in " + context);
          }
        }
        if (look < toks.size() && (toks.get(look).kind() == DECLARE || toks.get(look).kind() == ASSIGN)) {
          isAssign = toks.get(look).kind() == ASSIGN;
          if (isAssign) {
            for (String n : names) {
              if (!vars.contains(n)) {
                throw error("undefined variable \"" + n + "\"");
              }
            }
          } else {
            vars.addAll(names);
          }
          decl = names;
          tk = look + 1;
        } else {
          tk = save;
        }
      }
      List<Command> cmds = new ArrayList<>();
      while (tk < toks.size() && toks.get(tk).kind() != RPAREN) {
        cmds.add(parseCommand());
        if (tk < toks.size() && toks.get(tk).kind() == PIPE) {
          tk++;
          if (tk >= toks.size() || toks.get(tk).kind() == RPAREN) {
            throw error("missing command");
          }
        }
      }
      if (cmds.isEmpty()) {
        throw error("missing value for " + context);
      }
      return new Pipe(pipePos, decl, isAssign, cmds);
    }

    private static boolean isPlainVariable(String text) {
      return text.indexOf('.') < 0;
    }

    private Command parseCommand() {
      int cmdPos = toks.get(tk).pos();
      List<Arg> args = new ArrayList<>();
      while (tk < toks.size()) {
        Tok t = toks.get(tk);
        if (t.kind() == PIPE || t.kind() == RPAREN) {
          break;
        }
        args.add(parseOperand());
      }
      return new Command(cmdPos, args);
    }

    private Arg parseOperand() {
      Tok t = toks.get(tk++);
      Arg base = switch (t.kind()) {
        case DOTK -> new Dot(t.pos());
        case FIELD -> new Field(t.pos(), List.of(t.text().substring(1)));
        case VAR -> {
          String name = t.text();
          int dot = name.indexOf('.');
          String varName = dot < 0 ? name : name.substring(0, dot);
          if (!vars.contains(varName)) {
            throw error("undefined variable \"" + varName + "\"");
          }
          yield new Variable(t.pos(), varName, List.of());
        }
        case STRING -> new Literal(t.pos(), unquote(t.text()), t.text());
        case CHAR -> new Literal(t.pos(), charValue(t.text()), t.text());
        case NUMBER -> new Literal(t.pos(), numberValue(t.text()), t.text());
        case IDENT -> switch (t.text()) {
          case "true", "false" -> new Literal(t.pos(), Boolean.parseBoolean(t.text()), t.text());
          case "nil" -> new Nil(t.pos());
          default -> {
            if (KEYWORDS.contains(t.text())) {
              throw error("unexpected <" + t.text() + "> in command");
            }
            if (!GoTemplateExecutor.isFunction(t.text())) {
              if (GoTemplateExecutor.isUnsupportedGoFunction(t.text())) {
                throw error("function \"" + t.text() + "\" is not supported by strings.render_template");
              }
              throw error("function \"" + t.text() + "\" not defined");
            }
            yield new Ident(t.pos(), t.text());
          }
        };
        case LPAREN -> {
          Pipe inner = parsePipe("parenthesized pipeline");
          if (tk >= toks.size() || toks.get(tk).kind() != RPAREN) {
            throw error("unclosed left paren");
          }
          tk++;
          yield new Chain(t.pos(), inner, List.of());
        }
        default -> throw error("unexpected " + describe(t) + " in command");
      };
      // A chain of fields: .a.b, $x.a, (pipe).a
      List<String> chain = new ArrayList<>();
      int chainPos = -1;
      while (tk < toks.size() && toks.get(tk).kind() == FIELD && !spaceBefore(toks.get(tk))) {
        if (chainPos < 0) {
          chainPos = toks.get(tk).pos();
        }
        chain.add(toks.get(tk).text().substring(1));
        tk++;
      }
      if (chain.isEmpty()) {
        return base;
      }
      return switch (base) {
        case Field f -> {
          List<String> all = new ArrayList<>(f.names());
          all.addAll(chain);
          yield new Field(chainPos, all);
        }
        case Variable v -> new Variable(chainPos, v.name(), chain);
        case Chain c -> new Chain(chainPos, c.pipe(), chain);
        case Dot d -> throw error("unexpected . after term \".\"");
        default -> throw error("unexpected " + describe(toks.get(tk - chain.size())) + " in operand");
      };
    }

    /** Whether whitespace separates this token from the previous one. */
    private boolean spaceBefore(Tok t) {
      int charPos = t.pos();
      return charPos > 0 && isSpace(src.charAt(charPos - 1));
    }

    private static String describe(Tok t) {
      return switch (t.kind()) {
        case OTHER -> "\"" + t.text() + "\"";
        default -> "<" + t.text() + ">";
      };
    }

    // ------------------------------------------------------------ action lexing

    /** Lexes one action from pos up to and past its closing delimiter into toks (char positions). */
    private void lexAction() {
      toks = new ArrayList<>();
      while (true) {
        if (pos >= src.length()) {
          throw error("unclosed action");
        }
        if (src.startsWith("}}", pos)) {
          pos += 2;
          return;
        }
        char c = src.charAt(pos);
        if (isSpace(c)) {
          if (src.startsWith("-}}", pos + 1)) {
            pos = skipLeadingSpace(pos + 4);
            return;
          }
          pos++;
          continue;
        }
        int start = pos;
        switch (c) {
          case '|' -> add(PIPE, "|", start, 1);
          case '(' -> add(LPAREN, "(", start, 1);
          case ')' -> add(RPAREN, ")", start, 1);
          case ',' -> add(COMMA, ",", start, 1);
          case '=' -> add(ASSIGN, "=", start, 1);
          case ':' -> {
            if (!src.startsWith(":=", pos)) {
              throw error("expected :=");
            }
            add(DECLARE, ":=", start, 2);
          }
          case '"' -> {
            int p = pos + 1;
            while (true) {
              if (p >= src.length() || src.charAt(p) == '\n') {
                throw error("unterminated quoted string");
              }
              char q = src.charAt(p);
              if (q == '\\') {
                p += 2;
                continue;
              }
              if (q == '"') {
                break;
              }
              p++;
            }
            add(STRING, src.substring(pos, p + 1), start, p + 1 - pos);
          }
          case '`' -> {
            int close = src.indexOf('`', pos + 1);
            if (close < 0) {
              throw error("unterminated raw quoted string");
            }
            add(STRING, src.substring(pos, close + 1), start, close + 1 - pos);
          }
          case '\'' -> {
            int p = pos + 1;
            while (p < src.length() && src.charAt(p) != '\'') {
              p += src.charAt(p) == '\\' ? 2 : 1;
            }
            if (p >= src.length()) {
              throw error("unterminated character constant");
            }
            add(CHAR, src.substring(pos, p + 1), start, p + 1 - pos);
          }
          case '$' -> {
            int p = pos + 1;
            while (p < src.length() && isAlphaNumeric(src.codePointAt(p))) {
              p += Character.charCount(src.codePointAt(p));
            }
            add(VAR, src.substring(pos, p), start, p - pos);
          }
          case '.' -> {
            if (pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
              lexNumber();
            } else {
              int p = pos + 1;
              while (p < src.length() && isAlphaNumeric(src.codePointAt(p))) {
                p += Character.charCount(src.codePointAt(p));
              }
              if (p == pos + 1) {
                add(DOTK, ".", start, 1);
              } else {
                add(FIELD, src.substring(pos, p), start, p - pos);
              }
            }
          }
          default -> {
            if (c == '+' || c == '-' || (c >= '0' && c <= '9')) {
              lexNumber();
            } else if (isAlphaNumeric(src.codePointAt(pos))) {
              int p = pos;
              while (p < src.length() && isAlphaNumeric(src.codePointAt(p))) {
                p += Character.charCount(src.codePointAt(p));
              }
              add(IDENT, src.substring(pos, p), start, p - pos);
            } else if (c < 0x80 && c >= 0x20) {
              add(OTHER, String.valueOf(c), start, 1);
            } else {
              int r = src.codePointAt(pos);
              throw error(String.format("unrecognized character in action: U+%04X '%s'", r, Character.toString(r)));
            }
          }
        }
      }
    }

    private void add(char kind, String text, int charStart, int length) {
      toks.add(new Tok(kind, text, byteOffset(charStart)));
      pos = charStart + length;
    }

    private int byteOffset(int charPos) {
      return src.substring(0, charPos).getBytes(StandardCharsets.UTF_8).length;
    }

    /** Go's scanNumber: sign, optional 0x/0o/0b prefix, digits, fraction, exponent. */
    private void lexNumber() {
      int start = pos;
      int p = pos;
      if (p < src.length() && (src.charAt(p) == '+' || src.charAt(p) == '-')) {
        p++;
      }
      String digits = "0123456789_";
      if (p < src.length() && src.charAt(p) == '0') {
        p++;
        if (p < src.length() && "xX".indexOf(src.charAt(p)) >= 0) {
          digits = "0123456789abcdefABCDEF_";
          p++;
        } else if (p < src.length() && "oO".indexOf(src.charAt(p)) >= 0) {
          digits = "01234567_";
          p++;
        } else if (p < src.length() && "bB".indexOf(src.charAt(p)) >= 0) {
          digits = "01_";
          p++;
        }
      }
      p = acceptRun(p, digits);
      if (p < src.length() && src.charAt(p) == '.') {
        p = acceptRun(p + 1, digits);
      }
      if (digits.length() == 11 && p < src.length() && "eE".indexOf(src.charAt(p)) >= 0) {
        p++;
        if (p < src.length() && "+-".indexOf(src.charAt(p)) >= 0) {
          p++;
        }
        p = acceptRun(p, "0123456789_");
      }
      if (p < src.length() && isAlphaNumeric(src.codePointAt(p))) {
        p += Character.charCount(src.codePointAt(p));
        throw error("bad number syntax: \"" + src.substring(start, p) + "\"");
      }
      add(NUMBER, src.substring(start, p), start, p - start);
    }

    private int acceptRun(int p, String chars) {
      while (p < src.length() && chars.indexOf(src.charAt(p)) >= 0) {
        p++;
      }
      return p;
    }
  }

  // ---------------------------------------------------------------- literals

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isAlphaNumeric(int r) {
    return r == '_' || Character.isLetterOrDigit(r);
  }

  private static String stripTrailing(String s) {
    int end = s.length();
    while (end > 0 && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** An integer literal is a Go int; one with a fraction or exponent is a float64. */
  private static Object numberValue(String text) {
    String t = text.replace("_", "");
    boolean negative = t.startsWith("-");
    String body = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
    try {
      int radix = 10;
      String lower = body.toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("0x")) {
        radix = 16;
        body = body.substring(2);
      } else if (lower.startsWith("0o")) {
        radix = 8;
        body = body.substring(2);
      } else if (lower.startsWith("0b")) {
        radix = 2;
        body = body.substring(2);
      } else if (body.length() > 1 && body.startsWith("0") && body.chars().allMatch(Character::isDigit)) {
        radix = 8;
        body = body.substring(1);
      }
      if (radix == 10 && (body.contains(".") || body.contains("e") || body.contains("E"))) {
        double d = Double.parseDouble(body);
        return negative ? -d : d;
      }
      long v = Long.parseLong(body, radix);
      return negative ? -v : v;
    } catch (NumberFormatException e) {
      throw new TemplateException("template: " + NAME + ": bad number syntax: \"" + text + "\"");
    }
  }

  private static Integer charValue(String text) {
    String body = text.substring(1, text.length() - 1);
    String value = body.startsWith("\\") ? unescape(body) : body;
    return value.codePointAt(0);
  }

  /** Go's strconv.Unquote for "..." and `...` literals (common escapes). */
  private static String unquote(String text) {
    if (text.startsWith("`")) {
      return text.substring(1, text.length() - 1);
    }
    return unescape(text.substring(1, text.length() - 1));
  }

  private static String unescape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        sb.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'a' -> sb.append('\u0007');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'v' -> sb.append('\u000B');
        case 'x' -> {
          sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
          i += 2;
        }
        case 'u' -> {
          sb.appendCodePoint(Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        case 'U' -> {
          sb.appendCodePoint(Integer.parseInt(s.substring(i + 1, i + 9), 16));
          i += 8;
        }
        default -> sb.append(e);
      }
    }
    return sb.toString();
  }
}
