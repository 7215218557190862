package dev.mandate.rego.cli;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.RegoError;
import dev.mandate.rego.RegoException;
import dev.mandate.rego.ast.Location;
import java.util.ArrayList;
import java.util.List;

/** Errors as the CLI prints them: one {@code file:line:col: code: message} line each. */
final class ErrorLines {
  private ErrorLines() {}

  static List<String> of(RegoException e) {
    List<String> lines = new ArrayList<>();
    for (RegoError err : e.errors()) {
      lines.add(line(err.location(), err.code(), err.message()));
    }
    if (lines.isEmpty()) {
      lines.add(e.getMessage());
    }
    return lines;
  }

  static String of(EvalException e) {
    return line(e.location(), e.code(), e.detail());
  }

  static String line(Location loc, String code, String message) {
    if (loc == null || loc.file().isEmpty() && loc.line() == 0) {
      return code + ": " + message;
    }
    return loc.file() + ":" + loc.line() + ":" + loc.column() + ": " + code + ": " + message;
  }
}
