package dev.mandate.rego.parser;

import dev.mandate.rego.ast.Expr;
import dev.mandate.rego.ast.Location;
import dev.mandate.rego.ast.Term;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.StringValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for bodies, expressions and terms, following the grammar of OPA's
 * parser (Rego v1) decision for decision, so that what OPA accepts is accepted here with the same
 * shape, and what OPA rejects fails with OPA's message at OPA's position.
 *
 * <p>Some Rego notation is ambiguous until later tokens are seen ({@code {a | b}} is a set
 * comprehension, {@code {a | b, c}} a set holding an {@code or} call). Like OPA, the parser then
 * tries one reading and falls back to the other; parsed terms are memoised by token position so
 * that the retry does not re-parse nested terms (OPA keeps the same cache).
 */
class BodyParser extends TokenCursor {
  /** Deeper nesting than this is refused instead of risking the Java stack. */
  static final int MAX_DEPTH = 1000;

  private final Term[] memoTerm;
  private final int[] memoEnd;
  private int depth;

  BodyParser(Tokens tokens, String file) {
    super(tokens, file);
    this.memoTerm = new Term[tokens.size()];
    this.memoEnd = new int[tokens.size()];
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw new ParseFailure(location(), "max parsing recursion depth exceeded", true);
    }
  }

  private void leave() {
    depth--;
  }

  /** Rethrows failures that backtracking must not swallow. */
  static void rethrowIfFatal(ParseFailure f) {
    if (f.fatal) {
      throw f;
    }
  }

  // ---------------------------------------------------------------- bodies and expressions

  /** A body between braces or brackets; the current token is the first one inside. */
  final List<Expr> parseBody(TokenKind end) {
    enter();
    try {
      return parseQuery(false, end);
    } finally {
      leave();
    }
  }

  /**
   * Expressions separated by {@code ;} or newlines, up to {@code end} (which is left current).
   * With {@code requireSemi} (top-level statements) it stops after one expression unless a
   * {@code ;} follows, as OPA does.
   */
  final List<Expr> parseQuery(boolean requireSemi, TokenKind end) {
    if (kind == end) {
      throw failure(location(), "found empty body");
    }
    List<Expr> body = new ArrayList<>();
    while (true) {
      body.add(parseLiteral());
      if (kind == TokenKind.SEMICOLON) {
        next();
        continue;
      }
      if (kind == end || requireSemi) {
        return body;
      }
      if (!tokens.newlineBefore(pos)) {
        throw illegal("expected \\n or ; or " + end.display);
      }
    }
  }

  /** One expression of a body, with {@code not} and {@code with} modifiers. */
  final Expr parseLiteral() {
    Location loc = location();
    if (keywordAsRefHead()) {
      return parseLiteralExpr(false, loc);
    }
    boolean negated = false;
    if (kind == TokenKind.NOT && !refFollows()) {
      next();
      negated = true;
    }
    return switch (kind) {
      case SOME -> {
        if (negated) {
          throw illegal("illegal negation of 'some'");
        }
        yield parseSome(loc);
      }
      case EVERY -> {
        if (negated) {
          throw illegal("illegal negation of 'every'");
        }
        yield parseEvery(loc);
      }
      default -> parseLiteralExpr(negated, loc);
    };
  }

  private Expr parseLiteralExpr(boolean negated, Location loc) {
    Term lhs = parseTermInfixCall();
    Expr.Node node;
    if (kind == TokenKind.ASSIGN || kind == TokenKind.UNIFY) {
      boolean assign = kind == TokenKind.ASSIGN;
      next();
      Term rhs = parseTermInfixCall();
      node = assign ? new Expr.Assign(lhs, rhs) : new Expr.Unify(lhs, rhs);
    } else {
      node = new Expr.TermExpr(lhs);
    }
    return new Expr(loc, negated, node, parseWiths());
  }

  /** {@code with target as value} modifiers, if the current token is {@code with}. */
  private List<Expr.With> parseWiths() {
    if (kind != TokenKind.WITH) {
      return List.of();
    }
    List<Expr.With> withs = new ArrayList<>(2);
    do {
      Location loc = location();
      next();
      if (kind != TokenKind.IDENT) {
        throw illegal("expected ident");
      }
      Term target = parseTerm();
      Term.Ref ref = switch (target) {
        case Term.Ref r -> r;
        case Term.Var v -> new Term.Ref(v, List.of(), v.location());
        default -> throw illegal("expected with target path");
      };
      if (kind != TokenKind.AS) {
        throw illegal("expected as keyword");
      }
      next();
      withs.add(new Expr.With(ref, parseTermInfixCall(), loc));
    } while (kind == TokenKind.WITH);
    return withs;
  }

  private Expr parseSome(Location loc) {
    // First try `some x in xs` / `some k, v in xs`; otherwise it is a list of variables.
    int saved = save();
    next();
    Term term = null;
    try {
      term = parseTermInfixCall();
    } catch (ParseFailure f) {
      rethrowIfFatal(f);
    }
    if (term instanceof Term.Call call) {
      Expr.Node node = switch (memberArity(call)) {
        case 2 -> new Expr.SomeIn(null, call.args().get(0), call.args().get(1));
        case 3 -> new Expr.SomeIn(call.args().get(0), call.args().get(1), call.args().get(2));
        default -> throw illegal("expected `x in xs` or `x, y in xs` expression");
      };
      return new Expr(loc, false, node, parseWiths());
    }
    restore(saved);
    List<Term.Var> vars = new ArrayList<>();
    do {
      next();
      if (kind != TokenKind.IDENT) {
        throw illegal("expected var");
      }
      vars.add(parseVar());
      next();
    } while (kind == TokenKind.COMMA);
    return new Expr(loc, false, new Expr.SomeDecl(vars), List.of());
  }

  private Expr parseEvery(Location loc) {
    next();
    Term term = parseTermInfixCall();
    String shape = "expected `x[, y] in xs { ... }` expression";
    if (!(term instanceof Term.Call call)) {
      throw illegal(shape);
    }
    Term key = null;
    Term value;
    Term domain;
    switch (memberArity(call)) {
      case 2 -> {
        value = call.args().get(0);
        domain = call.args().get(1);
      }
      case 3 -> {
        key = call.args().get(0);
        value = call.args().get(1);
        domain = call.args().get(2);
        if (!(key instanceof Term.Var)) {
          throw illegal("expected key to be a variable");
        }
      }
      default -> throw illegal(shape);
    }
    if (!(value instanceof Term.Var valueVar)) {
      throw illegal("expected value to be a variable");
    }
    if (kind != TokenKind.LBRACE) {
      throw illegal("missing body");
    }
    next();
    List<Expr> body = parseBody(TokenKind.RBRACE);
    next();
    Expr.Node node = new Expr.Every((Term.Var) key, valueVar, domain, body);
    return new Expr(loc, false, node, parseWiths());
  }

  /** 2 or 3 when the call is {@code internal.member_2} / {@code internal.member_3}, else 0. */
  private static int memberArity(Term.Call call) {
    Term.Ref op = call.operator();
    if (op.head() instanceof Term.Var v && v.name().equals("internal") && op.path().size() == 1
        && op.path().get(0) instanceof Term.Scalar s && s.value() instanceof StringValue name) {
      if (name.value().equals("member_2") && call.args().size() == 2) {
        return 2;
      }
      if (name.value().equals("member_3") && call.args().size() == 3) {
        return 3;
      }
    }
    return 0;
  }

  // ---------------------------------------------------------------- infix operators

  /** A term with infix operators, where {@code k, v in xs} is allowed. */
  final Term parseTermInfixCall() {
    return parseTermIn(true);
  }

  /** A term with infix operators inside a list, where a comma ends the term. */
  final Term parseTermInfixCallInList() {
    return parseTermIn(false);
  }

  /** The loosest level: {@code x in xs}, and {@code k, v in xs} when {@code keyVal}. */
  private Term parseTermIn(boolean keyVal) {
    Term lhs = parseBinary(1);
    if (keyVal && kind == TokenKind.COMMA) {
      int saved = save();
      Term call = null;
      try {
        next();
        Term mhs = parseBinary(1);
        if (kind == TokenKind.IN) {
          Location opLoc = location();
          next();
          Term rhs = parseBinary(1);
          call = new Term.Call(memberOp("member_3", opLoc), List.of(lhs, mhs, rhs), lhs.location());
        }
      } catch (ParseFailure f) {
        rethrowIfFatal(f);
      }
      if (call != null) {
        lhs = call;
      } else {
        restore(saved);
      }
    }
    while (kind == TokenKind.IN) {
      if (refFollows()) {
        kind = TokenKind.IDENT; // `in.x` starts a ref, it is no operator
        break;
      }
      Location opLoc = location();
      next();
      Term rhs = parseBinary(1);
      lhs = new Term.Call(memberOp("member_2", opLoc), List.of(lhs, rhs), lhs.location());
    }
    return lhs;
  }

  private static Term.Ref memberOp(String name, Location loc) {
    return new Term.Ref(new Term.Var("internal", loc),
        List.of(new Term.Scalar(StringValue.of(name), loc)), loc);
  }

  /**
   * Binary operators by precedence level, all left-associative: 1 relations, 2 {@code |},
   * 3 {@code &}, 4 {@code + -}, 5 {@code * / %}.
   */
  private Term parseBinary(int level) {
    if (level > 5) {
      return parseTerm();
    }
    Term lhs = parseBinary(level + 1);
    while (precedence(kind) == level) {
      Location opLoc = location();
      String name = kind.display;
      next();
      Term rhs = parseBinary(level + 1);
      Term.Ref op = new Term.Ref(new Term.Var(name, opLoc), List.of(), opLoc);
      lhs = new Term.Call(op, List.of(lhs, rhs), lhs.location());
    }
    return lhs;
  }

  private static int precedence(TokenKind k) {
    return switch (k) {
      case EQUAL, NEQ, LT, GT, LTE, GTE -> 1;
      case OR -> 2;
      case AND -> 3;
      case ADD, SUB -> 4;
      case MUL, QUO, REM -> 5;
      default -> 0;
    };
  }

  // ---------------------------------------------------------------- terms

  /**
   * One term without infix operators (but with its ref suffixes and calls). Afterwards the
   * current token is the first one after the term.
   */
  final Term parseTerm() {
    int start = pos;
    Term cached = memoTerm[start];
    if (cached != null) {
      restore(memoEnd[start]);
      return cached;
    }
    enter();
    try {
      Term head = switch (kind) {
        case NULL -> new Term.Scalar(NullValue.INSTANCE, location());
        case TRUE -> new Term.Scalar(BooleanValue.TRUE, location());
        case FALSE -> new Term.Scalar(BooleanValue.FALSE, location());
        case SUB, DOT, NUMBER -> parseNumber();
        case STRING -> parseString();
        case IDENT, CONTAINS -> parseVar(); // `contains` is only special in rule heads
        case LBRACK -> parseArray();
        case LBRACE -> parseSetOrObject();
        case LPAREN -> {
          next();
          Term inner = parseTermInfixCall();
          if (kind != TokenKind.RPAREN) {
            throw failure(location(), "non-terminated expression");
          }
          yield inner;
        }
        default -> throw illegal("");
      };
      Term term = parseTermFinish(head);
      memoTerm[start] = term;
      memoEnd[start] = pos;
      return term;
    } finally {
      leave();
    }
  }

  /** Steps past the term's last token and continues it as a ref or call if one touches it. */
  private Term parseTermFinish(Term head) {
    next();
    if (touching() && (kind == TokenKind.LPAREN || kind == TokenKind.DOT || kind == TokenKind.LBRACK)) {
      return parseRef(head, false);
    }
    return rootDocumentAsRef(head);
  }

  /** Like OPA, a bare {@code data} or {@code input} is a ref with an empty path. */
  static Term rootDocumentAsRef(Term head) {
    if (head instanceof Term.Var v && (v.name().equals("data") || v.name().equals("input"))) {
      return new Term.Ref(v, List.of(), v.location());
    }
    return head;
  }

  final Term.Var parseVar() {
    return new Term.Var(text(), location());
  }

  /**
   * The ref suffixes after {@code head}: {@code .name}, {@code [term]} and call arguments. Only
   * touching tokens continue a ref, except the first one in a rule head ({@code firstMaySeparate}).
   */
  final Term parseRef(Term head, boolean firstMaySeparate) {
    Location loc = head.location();
    switch (head) {
      case Term.Var ignored -> { }
      case Term.ArrayTerm ignored -> { }
      case Term.ObjectTerm ignored -> { }
      case Term.SetTerm ignored -> { }
      case Term.ArrayComprehension ignored -> { }
      case Term.SetComprehension ignored -> { }
      case Term.ObjectComprehension ignored -> { }
      case Term.Call ignored -> { }
      default -> throw failure(loc, "illegal ref (head cannot be " + TermText.valueName(head) + ")");
    }
    List<Term> path = new ArrayList<>();
    boolean first = firstMaySeparate;
    while (first || touching()) {
      first = false;
      switch (kind) {
        case DOT -> {
          int dot = pos;
          next();
          if (!touching()) {
            throw unexpectedWhitespaceAfter(dot, "expected identifier");
          }
          if (kind != TokenKind.IDENT && !kind.keyword) {
            throw illegal("expected identifier");
          }
          path.add(new Term.Scalar(StringValue.of(text()), location()));
          next();
        }
        case LPAREN -> {
          Term call = parseCall(new Term.Ref(head, path, loc));
          if (touching() && (kind == TokenKind.DOT || kind == TokenKind.LBRACK)) {
            return parseRef(call, false);
          }
          return call;
        }
        case LBRACK -> {
          next();
          Term key = parseTermInfixCall();
          if (kind != TokenKind.RBRACK) {
            throw illegal("expected [");
          }
          path.add(key);
          next();
        }
        default -> {
          return new Term.Ref(head, path, loc);
        }
      }
    }
    return new Term.Ref(head, path, loc);
  }

  /** Call arguments; the current token is {@code (}. {@code set()} is the empty set. */
  private Term parseCall(Term.Ref operator) {
    Location loc = operator.location();
    next();
    if (kind == TokenKind.RPAREN) {
      next();
      if (operator.path().isEmpty() && operator.head() instanceof Term.Var v && v.name().equals("set")) {
        return new Term.SetTerm(List.of(), loc);
      }
      return new Term.Call(operator, List.of(), loc);
    }
    List<Term> args = parseTermList(TokenKind.RPAREN, List.of());
    next();
    return new Term.Call(operator, args, loc);
  }

  private Term parseNumber() {
    Location loc = location();
    StringBuilder text = new StringBuilder();
    if (kind == TokenKind.SUB) {
      text.append('-');
      next();
      if (kind != TokenKind.NUMBER && kind != TokenKind.DOT) {
        throw illegal("expected number");
      }
    }
    boolean fraction = false;
    if (kind == TokenKind.DOT) {
      text.append('.');
      fraction = true;
      next();
      if (kind != TokenKind.NUMBER) {
        throw illegal("expected number");
      }
    }
    String lit = text();
    if (!fraction && lit.length() > 1 && lit.charAt(0) == '0') {
      boolean decimal = lit.charAt(1) == '.';
      boolean scientific = lit.length() > 2 && (lit.charAt(1) == 'e' || lit.charAt(1) == 'E');
      if (!decimal && !scientific) {
        throw illegal("expected number without leading zero");
      }
    }
    text.append(lit);
    try {
      NumberValue n = NumberLiterals.parse(text.toString());
      return new Term.Scalar(n, loc);
    } catch (NumberLiterals.TooBig e) {
      throw failure(location(), "number too big");
    } catch (NumberFormatException e) {
      throw illegal("invalid float");
    }
  }

  private Term parseString() {
    int start = tokens.start(pos);
    int end = tokens.end(pos);
    char[] src = tokens.source;
    String value;
    if (src[start] == '"') {
      value = StringLiterals.decodeQuoted(src, start, end);
      if (value == null) {
        throw failure(location(), "illegal string literal: " + text());
      }
    } else {
      value = new String(src, start + 1, end - start - 2); // raw string: no escapes
    }
    return new Term.Scalar(StringValue.of(value), location());
  }

  private Term parseArray() {
    Location loc = location();
    next();
    if (kind == TokenKind.RBRACK) {
      return new Term.ArrayTerm(List.of(), loc);
    }
    boolean potentialComprehension = true;
    if (kind == TokenKind.COMMA) { // OPA tolerates a leading comma
      potentialComprehension = false;
      next();
    }
    int saved = save();
    // A single term first: `[x | ...]` is a comprehension before it is an `or` call.
    Term head = parseTerm();
    switch (kind) {
      case RBRACK -> {
        return new Term.ArrayTerm(List.of(head), loc);
      }
      case COMMA -> {
        next();
        return new Term.ArrayTerm(parseTermList(TokenKind.RBRACK, List.of(head)), loc);
      }
      case OR -> {
        if (potentialComprehension) {
          next();
          try {
            return new Term.ArrayComprehension(head, parseBody(TokenKind.RBRACK), loc);
          } catch (ParseFailure f) {
            // `[a | b, c]` is an array holding `a | b`: retry as a list when a comma stopped us.
            if (f.fatal || kind != TokenKind.COMMA) {
              throw f;
            }
          }
        }
      }
      default -> { }
    }
    restore(saved);
    return new Term.ArrayTerm(parseTermList(TokenKind.RBRACK, List.of()), loc);
  }

  private Term parseSetOrObject() {
    Location loc = location();
    next();
    if (kind == TokenKind.RBRACE) {
      return new Term.ObjectTerm(List.of(), List.of(), loc); // {} is the empty object
    }
    boolean potentialComprehension = true;
    if (kind == TokenKind.COMMA) {
      potentialComprehension = false;
      next();
    }
    int saved = save();
    Term head = parseTerm();
    switch (kind) {
      case OR -> {
        if (potentialComprehension) {
          return parseSet(saved, head, true, loc);
        }
      }
      case RBRACE, COMMA -> {
        return parseSet(saved, head, potentialComprehension, loc);
      }
      case COLON -> {
        return parseObject(head, potentialComprehension, loc);
      }
      default -> { }
    }
    restore(saved);
    head = parseTermInfixCallInList();
    switch (kind) {
      case RBRACE, COMMA -> {
        return parseSet(saved, head, false, loc);
      }
      case COLON -> {
        return parseObject(head, potentialComprehension, loc); // e.g. {a + 1: b | ...}
      }
      default -> throw illegal("non-terminated set");
    }
  }

  private Term parseSet(int saved, Term head, boolean potentialComprehension, Location loc) {
    switch (kind) {
      case RBRACE -> {
        return new Term.SetTerm(List.of(head), loc);
      }
      case COMMA -> {
        next();
        return new Term.SetTerm(parseTermList(TokenKind.RBRACE, List.of(head)), loc);
      }
      default -> { // OR
        if (potentialComprehension) {
          next();
          try {
            return new Term.SetComprehension(head, parseBody(TokenKind.RBRACE), loc);
          } catch (ParseFailure f) {
            if (f.fatal || kind != TokenKind.COMMA) {
              throw f;
            }
          }
        }
        restore(saved);
        return new Term.SetTerm(parseTermList(TokenKind.RBRACE, List.of()), loc);
      }
    }
  }

  /** An object or object comprehension; the current token is the colon after the first key. */
  private Term parseObject(Term key, boolean potentialComprehension, Location loc) {
    next();
    int saved = save();
    Term value = parseTerm();
    boolean potentialRelation = true;
    if (potentialComprehension) {
      switch (kind) {
        case RBRACE, COMMA, OR -> {
          potentialRelation = kind == TokenKind.OR;
          try {
            return parseObjectFinish(key, value, true, loc);
          } catch (ParseFailure f) {
            rethrowIfFatal(f);
          }
        }
        default -> { }
      }
    }
    restore(saved);
    if (potentialRelation) {
      value = parseTermInfixCallInList();
      if (kind == TokenKind.RBRACE || kind == TokenKind.COMMA) {
        return parseObjectFinish(key, value, false, loc);
      }
    }
    throw illegal("non-terminated object");
  }

  private Term parseObjectFinish(Term key, Term value, boolean potentialComprehension, Location loc) {
    switch (kind) {
      case RBRACE -> {
        return new Term.ObjectTerm(List.of(key), List.of(value), loc);
      }
      case OR -> {
        if (!potentialComprehension) {
          throw illegal("non-terminated object");
        }
        next();
        return new Term.ObjectComprehension(key, value, parseBody(TokenKind.RBRACE), loc);
      }
      default -> { // COMMA
        next();
        List<Term> keys = new ArrayList<>();
        List<Term> values = new ArrayList<>();
        keys.add(key);
        values.add(value);
        parseTermPairList(keys, values);
        return new Term.ObjectTerm(keys, values, loc);
      }
    }
  }

  /** Comma-separated terms up to {@code end} (left current); a trailing comma is allowed. */
  private List<Term> parseTermList(TokenKind end, List<Term> initial) {
    List<Term> terms = new ArrayList<>(initial);
    if (kind == end) {
      return terms;
    }
    while (true) {
      terms.add(parseTermInfixCallInList());
      if (kind == end) {
        return terms;
      }
      if (kind != TokenKind.COMMA) {
        throw illegal("expected \",\" or \"" + end.display + "\"");
      }
      next();
      if (kind == end) {
        return terms;
      }
    }
  }

  private void parseTermPairList(List<Term> keys, List<Term> values) {
    if (kind == TokenKind.RBRACE) {
      return;
    }
    while (true) {
      Term key = parseTermInfixCallInList();
      if (kind != TokenKind.COLON) {
        throw illegal("expected \":\"");
      }
      next();
      Term value = parseTermInfixCallInList();
      keys.add(key);
      values.add(value);
      if (kind == TokenKind.RBRACE) {
        return;
      }
      if (kind != TokenKind.COMMA) {
        throw illegal("expected \",\" or \"}\"");
      }
      next();
      if (kind == TokenKind.RBRACE) {
        return;
      }
    }
  }
}
