package dev.mandate.rego.parser;

import dev.mandate.rego.RegoError;
import dev.mandate.rego.RegoException;
import dev.mandate.rego.ast.Expr;
import dev.mandate.rego.ast.Location;
import dev.mandate.rego.ast.Module;
import dev.mandate.rego.ast.Term;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Parses Rego v1 source as OPA 1.x does by default. Every problem is reported as a
 * {@link RegoException} with code {@code rego_parse_error} and a 1-based file:line:column.
 *
 * <p>AST conventions beyond those documented on the AST types:
 *
 * <ul>
 *   <li>A bare {@code data} or {@code input} is a {@link Term.Ref} with an empty path (as in OPA);
 *       a {@code with} target written as a plain name ({@code with count as f}) is a Ref with an
 *       empty path too.
 *   <li>{@code set()} is an empty {@link Term.SetTerm}; {@code {}} an empty object.
 *   <li>A call used as an expression is an {@link Expr.TermExpr} holding the {@link Term.Call}.
 *   <li>Infix operators are calls of {@code plus minus mul div rem and or equal neq lt lte gt gte}
 *       and {@code internal.member_2} / {@code internal.member_3} ({@code in}).
 *   <li>{@code -1} is a number literal; {@code -x} and {@code -(1)} are syntax errors, as in OPA.
 *   <li>Every location is that of the node's first token; an infix call is located at its left
 *       operand, an else rule and its head at the {@code else} keyword, a rule of a chained body
 *       ({@code p if { a } { b }} defines two rules) and its head at that body's opening brace.
 *   <li>A rule without written body ({@code p := 1}, {@code p contains x}, {@code default p := 1},
 *       a value-only {@code else := 3}) has an empty body. A rule without written value has the
 *       value {@code true} located at its head ({@code default p} is accepted, as in OPA).
 *   <li>A function has non-null args; {@code f()} has no arguments and so is not a function.
 * </ul>
 */
public final class Parser {
  private Parser() {}

  /** Parses a policy file. */
  public static Module parseModule(String file, String source) {
    return run(file, source, tokens -> new ModuleParser(tokens, file), ModuleParser::parseModule);
  }

  /** Parses a query with file name {@code query}. */
  public static List<Expr> parseQuery(String source) {
    return parseQuery("query", source);
  }

  /**
   * Parses a query: expressions separated by newlines or {@code ;}. An empty query gives an
   * empty list.
   */
  public static List<Expr> parseQuery(String file, String source) {
    return run(file, source, tokens -> new BodyParser(tokens, file), p -> {
      List<Expr> body = new ArrayList<>();
      while (p.kind != TokenKind.EOF) {
        if ((p.kind == TokenKind.PACKAGE || p.kind == TokenKind.IMPORT) && !p.refFollows()) {
          throw p.illegal(""); // OPA parses these as statements, which a query cannot hold
        }
        body.addAll(p.parseQuery(true, TokenKind.EOF));
      }
      return body;
    });
  }

  /**
   * Parses a single term such as {@code {"x": null}}, {@code 1.0} or {@code {1, 2}} (OPA's
   * {@code ParseTerm}: one expression that is a plain term).
   */
  public static Term parseTerm(String source) {
    return run("", source, tokens -> new BodyParser(tokens, ""), p -> {
      if (p.kind == TokenKind.EOF) {
        throw p.failure(p.location(), "expected exactly one term");
      }
      Location loc = p.location();
      List<Expr> body = p.parseQuery(true, TokenKind.EOF);
      if (body.size() != 1 || p.kind != TokenKind.EOF) {
        throw p.failure(loc, "expected exactly one term");
      }
      Expr expr = body.get(0);
      if (!(expr.node() instanceof Expr.TermExpr t) || t.term() instanceof Term.Call
          || expr.negated() || !expr.withs().isEmpty()) {
        throw p.failure(loc, "expected term");
      }
      return t.term();
    });
  }

  private static <P extends BodyParser, T> T run(String file, String source,
      Function<Tokens, P> create, Function<P, T> action) {
    P parser = null;
    try {
      parser = create.apply(Lexer.lex(source));
      return action.apply(parser);
    } catch (ParseFailure f) {
      throw new RegoException(f.error);
    } catch (StackOverflowError e) {
      // A backstop for inputs whose nesting exhausts the stack before the depth limit does.
      Location loc = parser == null ? new Location(file, 1, 1) : parser.location();
      throw new RegoException(new RegoError(RegoError.PARSE, "max parsing recursion depth exceeded", loc));
    }
  }
}
