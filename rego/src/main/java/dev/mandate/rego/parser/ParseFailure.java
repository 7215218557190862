package dev.mandate.rego.parser;

import dev.mandate.rego.RegoError;
import dev.mandate.rego.ast.Location;

/**
 * A syntax error inside the parser. OPA's parser records an error and backtracks at a few places
 * (for example when {@code [a | b, c]} turns out not to be a comprehension); this parser throws
 * instead and catches the failure where OPA backtracks. A {@code fatal} failure (nesting too deep)
 * is never caught by backtracking, so that a hostile input cannot make the parser retry forever.
 */
final class ParseFailure extends RuntimeException {
  final RegoError error;
  final boolean fatal;

  ParseFailure(Location location, String message, boolean fatal) {
    super(message, null, false, false); // no stack trace: failures are expected control flow
    this.error = new RegoError(RegoError.PARSE, message, location);
    this.fatal = fatal;
  }
}
