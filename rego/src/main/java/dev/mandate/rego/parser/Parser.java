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
 * <p>AST conventions beyond those documented on the AST types: a bare {@code data} or
 * {@code input} is a {@link Term.Ref} with an empty path; {@code set()} is an empty
 * {@link Term.SetTerm}; a call used as an expression is a {@link Expr.TermExpr} holding the
 * {@link Term.Call}; infix operators are calls named {@code plus}, {@code equal},
 * {@code internal.member_2}, ...; a negative number literal is a number, while {@code -x} is a
 * syntax error exactly as in OPA.
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
