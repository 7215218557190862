package dev.mandate.rego.parser;

import dev.mandate.rego.RegoError;
import dev.mandate.rego.RegoException;
import dev.mandate.rego.ast.Expr;
import dev.mandate.rego.ast.Location;
import dev.mandate.rego.ast.Module;
import dev.mandate.rego.ast.Rule;
import dev.mandate.rego.ast.Term;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.StringValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses a whole policy file: the package, imports and rules, then applies Rego v1's module
 * checks. As in OPA, a statement is tried as a package, an import, a rule, and finally as a
 * plain expression that is then read as a rule ({@code p := 1}, {@code f(x) = y} and
 * {@code p.q := 1} take that path).
 */
final class ModuleParser extends BodyParser {
  private static final Set<String> IMPORT_ROOTS = Set.of("data", "input", "future", "rego");
  private static final List<String> FUTURE_KEYWORDS = List.of("contains", "every", "if", "in");

  private final List<RegoError> moduleErrors = new ArrayList<>();
  private final List<RuleDraft> drafts = new ArrayList<>();

  ModuleParser(Tokens tokens, String file) {
    super(tokens, file);
  }

  Module parseModule() {
    List<String> packagePath = null;
    Location packageLocation = null;
    List<Module.Import> imports = new ArrayList<>();
    List<Rule> rules = new ArrayList<>();
    boolean first = true;
    while (kind != TokenKind.EOF) {
      Location statementLocation = location();
      int saved = save();
      if (kind == TokenKind.PACKAGE) {
        List<String> path = parsePackage();
        if (path != null) {
          if (first) {
            packagePath = path;
            packageLocation = statementLocation;
          } else {
            moduleErrors.add(error(statementLocation, "unexpected package"));
          }
          first = false;
          continue;
        }
        restore(saved);
      }
      if (first) {
        // OPA reports this and still reads the rest, so later errors are reported too.
        moduleErrors.add(error(statementLocation, "package expected"));
        first = false;
      }
      if (kind == TokenKind.IMPORT) {
        Module.Import imp = parseImport();
        if (imp != null) {
          imports.add(imp);
          continue;
        }
        restore(saved);
      }
      List<RuleDraft> parsed = parseRules();
      if (parsed == null) {
        restore(saved);
        List<Expr> body = parseQuery(true, TokenKind.EOF);
        try {
          parsed = List.of(RuleFromBody.convert(body));
        } catch (ParseFailure f) {
          moduleErrors.add(f.error);
          continue;
        }
      }
      for (RuleDraft d : parsed) {
        if (!d.isElse()) {
          rules.add(d.rule());
        }
        drafts.add(d);
      }
    }
    if (first) {
      throw new RegoException(error(new Location(file, 0, 0), "empty module"));
    }
    List<RegoError> errors = new ArrayList<>(moduleErrors);
    for (RuleDraft d : drafts) {
      d.check(errors);
    }
    if (!errors.isEmpty()) {
      throw new RegoException(errors);
    }
    return new Module(file, packagePath, packageLocation, imports, rules);
  }

  private RegoError error(Location loc, String message) {
    return new RegoError(RegoError.PARSE, message, loc);
  }

  // ---------------------------------------------------------------- package and import

  /** The package path, or null when {@code package} starts a ref instead. */
  private List<String> parsePackage() {
    if (refFollows()) {
      return null;
    }
    next();
    requireIdentOrKeyword();
    Term term = parseTerm();
    List<String> path = new ArrayList<>();
    switch (term) {
      case Term.Var v -> path.add(v.name());
      case Term.Ref r -> {
        if (!(r.head() instanceof Term.Var head)) {
          throw failure(r.head().location(),
              "unexpected " + TermText.valueName(r.head()) + " token: expecting var");
        }
        path.add(head.name());
        for (Term t : r.path()) {
          path.add(stringSegment(t));
        }
      }
      default -> throw illegal("");
    }
    return path;
  }

  private String stringSegment(Term t) {
    if (t instanceof Term.Scalar s && s.value() instanceof StringValue str) {
      return str.value();
    }
    throw failure(t.location(), "unexpected " + TermText.valueName(t) + " token: expecting string");
  }

  private void requireIdentOrKeyword() {
    if (kind == TokenKind.IDENT) {
      return;
    }
    if (!kind.keyword) {
      throw illegal("");
    }
    kind = TokenKind.IDENT;
  }

  /** The import, or null when {@code import} starts a ref instead. */
  private Module.Import parseImport() {
    Location loc = location();
    if (refFollows()) {
      return null;
    }
    next();
    requireIdentOrKeyword();
    Term term = parseTerm();
    Term.Ref path = switch (term) {
      case Term.Var v -> new Term.Ref(v, List.of(), v.location());
      case Term.Ref r -> {
        for (Term t : r.path()) {
          stringSegment(t);
        }
        yield r;
      }
      default -> throw failure(location(), "expected path");
    };
    String root = path.head() instanceof Term.Var v ? v.name() : null;
    if (root == null || !IMPORT_ROOTS.contains(root)) {
      throw failure(path.location(), "unexpected import path, must begin with one of: "
          + "{data, future, input, rego}, got: " + TermText.print(path.head())
          + " (hint: if this is unexpected, try updating OPA)");
    }
    String alias = null;
    if (kind == TokenKind.AS) {
      next();
      if (kind != TokenKind.IDENT) {
        throw illegal("expected var");
      }
      if (!(parseTerm() instanceof Term.Var v)) {
        throw illegal("expected var");
      }
      alias = v.name();
    } else if (!path.path().isEmpty() && !root.equals("future")) {
      Term last = path.path().get(path.path().size() - 1);
      String name = ((StringValue) ((Term.Scalar) last).value()).value();
      if (TokenKind.isKeyword(name)) {
        throw failure(last.location(), "unexpected import path, must not end with a keyword, got: " + name);
      }
    }
    if (root.equals("rego")) {
      if (path.path().size() != 1 || !segment(path, 0).equals("v1")) {
        throw failure(path.location(), "invalid import `" + TermText.print(path) + "`, must be `rego.v1`");
      }
    } else if (root.equals("future")) {
      checkFutureImport(path, alias);
    }
    return new Module.Import(path, alias, loc);
  }

  private void checkFutureImport(Term.Ref path, String alias) {
    if (path.path().isEmpty() || !segment(path, 0).equals("keywords")) {
      throw failure(path.location(), "invalid import, must be `future.keywords`");
    }
    if (alias != null) {
      throw failure(path.location(), "`future` imports cannot be aliased");
    }
    if (path.path().size() == 2 && !FUTURE_KEYWORDS.contains(segment(path, 1))) {
      throw failure(path.location(), "unexpected keyword, must be one of [contains every if in]");
    }
  }

  private static String segment(Term.Ref ref, int i) {
    return ((StringValue) ((Term.Scalar) ref.path().get(i)).value()).value();
  }

  // ---------------------------------------------------------------- rules

  /** The head as written, before the rule's form decides what its value is. */
  private record HeadParse(Term.Ref ref, List<Term> args, Term value, boolean contains,
      boolean assign, boolean generatedValue, Location location) {
    int refLength() {
      return ref.path().size() + 1;
    }
  }

  /**
   * A rule statement: the rule, the rules of its else chain (marked as such) and the rules of
   * chained bodies, in OPA's order; or null when the statement is not written as a
   * rule and should be read as an expression.
   */
  private List<RuleDraft> parseRules() {
    Location ruleLoc = location();
    keywordAsRefHead();
    boolean isDefault = false;
    if (kind == TokenKind.DEFAULT) {
      next();
      isDefault = true;
      keywordAsRefHead();
    }
    if (kind != TokenKind.IDENT) {
      return null;
    }
    HeadParse head = parseHead();
    if (head == null) {
      return null;
    }
    if (isDefault) {
      return List.of(defaultRule(ruleLoc, head));
    }
    boolean hasIf = kind == TokenKind.IF;
    Term value = head.value();
    boolean generatedValue = head.generatedValue();
    boolean hasKey = head.contains();
    boolean multiValue = false;
    if (hasIf && !head.contains() && head.refLength() == 2) {
      // `p[x] if ...` is a single-value rule p[x]; its value defaults to true.
      Term key = head.ref().path().get(0);
      hasKey = head.args() == null && (!TermText.isGround(key) || key instanceof Term.Ref);
      if (value == null) {
        value = trueAt(head.location());
        generatedValue = true;
      }
    }
    if (!hasIf && !head.contains() && head.args() == null && head.refLength() == 2) {
      // `p[x] { ... }`: OPA reads an old-style partial set rule, which v1 then rejects.
      hasKey = true;
      multiValue = value == null;
    }
    List<Expr> body;
    boolean generatedBody = false;
    if (hasIf) {
      next();
      body = parseIfBody();
    } else if (kind == TokenKind.LBRACE) {
      next();
      body = parseBody(TokenKind.RBRACE);
      next();
    } else if (head.contains()) {
      Rule rule = new Rule(head.location(), false, toHead(head, head.value()), List.of(), null);
      return List.of(new RuleDraft(rule, false, false, true, true, false, false));
    } else {
      return null;
    }
    if (value == null) {
      value = trueAt(head.location()); // only the rejected `p[x] { ... }` form gets here
    }
    Rule.Head ruleHead = toHead(head, value);

    List<RuleDraft> elses = new ArrayList<>();
    Rule elseRule = null;
    if (kind == TokenKind.ELSE && !refFollows()) {
      if (head.refLength() > 1 && !TermText.isGround(head.ref())) {
        throw failure(location(), "else keyword cannot be used on rules with variables in head");
      }
      if (hasKey) {
        throw failure(location(), "else keyword cannot be used on multi-value rules");
      }
      elseRule = parseElse(head, hasIf, elses);
    }
    Rule rule = new Rule(ruleLoc, false, ruleHead, body, elseRule);
    List<RuleDraft> result = new ArrayList<>();
    result.add(new RuleDraft(rule, false, hasIf, head.contains(), generatedBody, generatedValue, multiValue));
    result.addAll(elses);

    // `p if { a } { b }`: further bodies define more rules with the same head.
    while (kind == TokenKind.LBRACE) {
      if (elseRule != null) {
        throw failure(location(), "expected else keyword");
      }
      Location bodyLoc = location();
      next();
      List<Expr> more = parseBody(TokenKind.RBRACE);
      next();
      Rule.Head chainedHead = new Rule.Head(ruleHead.ref(), ruleHead.args(), ruleHead.value(),
          ruleHead.contains(), ruleHead.assign(), bodyLoc);
      Rule chained = new Rule(bodyLoc, false, chainedHead, more, null);
      result.add(new RuleDraft(chained, false, hasIf, head.contains(), false, generatedValue, multiValue));
    }
    return result;
  }

  /**
   * The body after {@code if}: OPA first tries a single expression ({@code p if x > 1}); a set
   * literal or a failure means a braced body ({@code p if { x > 1 }}).
   */
  private List<Expr> parseIfBody() {
    int saved = save();
    try {
      Expr expr = parseLiteral();
      if (!(expr.node() instanceof Expr.TermExpr t && t.term() instanceof Term.SetTerm)) {
        return List.of(expr);
      }
    } catch (ParseFailure f) {
      rethrowIfFatal(f);
    }
    restore(saved);
    next(); // the `{` (OPA steps over whatever token is here)
    List<Expr> body = parseBody(TokenKind.RBRACE);
    next();
    return body;
  }

  private Rule parseElse(HeadParse parent, boolean parentHasIf, List<RuleDraft> drafts) {
    Location loc = location();
    next();
    Term value;
    boolean assign = false;
    switch (kind) {
      case LBRACE, IF -> value = trueAt(loc);
      case ASSIGN, UNIFY -> {
        assign = kind == TokenKind.ASSIGN;
        next();
        value = parseTermInfixCall();
      }
      default -> throw illegal("expected else value term or rule body");
    }
    Rule.Head head = new Rule.Head(parent.ref(), parent.args(), value, false, assign, loc);
    boolean hasIf = kind == TokenKind.IF;
    if (!hasIf && kind != TokenKind.LBRACE) {
      Rule rule = new Rule(loc, false, head, List.of(), null);
      drafts.add(new RuleDraft(rule, true, parentHasIf, false, true, false, false));
      return rule;
    }
    if (hasIf) {
      next();
    }
    List<Expr> body;
    if (kind == TokenKind.LBRACE) {
      next();
      body = parseBody(TokenKind.RBRACE);
      next();
    } else if (kind != TokenKind.EOF) {
      body = List.of(parseLiteral());
    } else {
      throw illegal("rule body expected");
    }
    // The rest of the chain is parsed first, but its drafts must follow this one.
    int index = drafts.size();
    Rule next = null;
    if (kind == TokenKind.ELSE) {
      next = parseElse(parent, parentHasIf, drafts);
    }
    Rule rule = new Rule(loc, false, head, body, next);
    // An else rule shares the keywords of the rule it belongs to, as in OPA.
    drafts.add(index, new RuleDraft(rule, true, parentHasIf || hasIf, false, false, false, false));
    return rule;
  }

  private RuleDraft defaultRule(Location ruleLoc, HeadParse head) {
    if (head.value() == null || head.contains()) {
      throw failure(ruleLoc, "illegal default rule (must have a value)");
    }
    String bad = DefaultRules.forbiddenInValue(head.value());
    if (bad != null) {
      throw failure(ruleLoc, "illegal default rule (value cannot contain " + bad + ")");
    }
    if (head.args() != null) {
      String problem = DefaultRules.argumentProblem(head.args());
      if (problem != null) {
        throw failure(ruleLoc, "illegal default rule (" + problem + ")");
      }
    }
    Rule rule = new Rule(ruleLoc, true, toHead(head, head.value()), List.of(), null);
    return new RuleDraft(rule, false, false, false, false, head.generatedValue(), false);
  }

  private static Rule.Head toHead(HeadParse h, Term value) {
    return new Rule.Head(h.ref(), h.args(), value, h.contains(), h.assign(), h.location());
  }

  private static Term trueAt(Location loc) {
    return new Term.Scalar(BooleanValue.TRUE, loc);
  }

  /** The rule head: name (a ref, possibly with arguments) and value or element. */
  private HeadParse parseHead() {
    Location loc = location();
    Term.Var name = parseVar();
    Term written = parseHeadFinish(name);
    Term.Ref ref;
    List<Term> args = null;
    switch (written) {
      case Term.Var v -> ref = new Term.Ref(v, List.of(), v.location());
      case Term.Ref r -> ref = r;
      case Term.Call c -> {
        ref = c.operator();
        args = c.args().isEmpty() ? null : c.args(); // f() is no function, as in OPA
      }
      default -> {
        return null; // `set()`: not a rule head
      }
    }
    if (!(ref.head() instanceof Term.Var)) {
      throw failure(loc, "rule head ref " + TermText.print(ref) + " invalid");
    }
    String display = TermText.print(ref);
    switch (kind) {
      case CONTAINS -> {
        if (args != null) {
          throw illegal("the contains keyword can only be used with multi-value rule definitions (e.g., "
              + display + " contains <VALUE> { ... })");
        }
        next();
        Term element = parseTermInfixCall();
        return new HeadParse(ref, null, element, true, false, false, loc);
      }
      case UNIFY, ASSIGN -> {
        boolean assign = kind == TokenKind.ASSIGN;
        next();
        return new HeadParse(ref, args, parseTermInfixCall(), false, assign, false, loc);
      }
      default -> {
        if (ref.path().size() + 1 != 2 || args != null) {
          return new HeadParse(ref, args, trueAt(loc), false, false, true, loc);
        }
        return new HeadParse(ref, args, null, false, false, false, loc);
      }
    }
  }

  /**
   * The rest of a rule name after its first identifier. Unlike in expressions, OPA lets
   * whitespace separate the name from its first {@code .}, {@code [} or {@code (} here.
   */
  private Term parseHeadFinish(Term.Var name) {
    next();
    if (touching()) {
      switch (kind) {
        case ADD, SUB, MUL, QUO, REM, AND, OR, EQUAL, NEQ, GT, GTE, LT, LTE -> throw illegal("");
        default -> { }
      }
    }
    if (kind == TokenKind.LPAREN || kind == TokenKind.DOT || kind == TokenKind.LBRACK) {
      return parseRef(name, true);
    }
    return rootDocumentAsRef(name);
  }
}
