package dev.mandate.rego;

import dev.mandate.rego.ast.Location;

/**
 * An error that stopped an evaluation, with OPA's code: {@code eval_conflict_error},
 * {@code eval_type_error}, {@code eval_builtin_error}, or Mandate's {@code eval_cancel_error}
 * for a deadline or step limit. The message reads as OPA's does:
 * {@code file:line: code: message}.
 */
public class EvalException extends RuntimeException {
  public static final String CONFLICT = "eval_conflict_error";
  public static final String TYPE = "eval_type_error";
  public static final String BUILTIN = "eval_builtin_error";
  public static final String CANCEL = "eval_cancel_error";
  public static final String INTERNAL = "eval_internal_error";

  private final String code;
  private final String detail;
  private final Location location;

  public EvalException(String code, String detail, Location location) {
    super(format(code, detail, location));
    this.code = code;
    this.detail = detail;
    this.location = location == null ? Location.NONE : location;
  }

  public String code() {
    return code;
  }

  /** The message without location and code. */
  public String detail() {
    return detail;
  }

  public Location location() {
    return location;
  }

  private static String format(String code, String detail, Location loc) {
    if (loc == null || loc.file().isEmpty() && loc.line() == 0) {
      return code + ": " + detail;
    }
    return loc.file() + ":" + loc.line() + ": " + code + ": " + detail;
  }
}
