package dev.mandate.rego.builtins;

import dev.mandate.rego.EvalException;

/**
 * Thrown by a built-in that cannot produce a value. The evaluator prefixes the built-in's name
 * and, in OPA's default non-strict mode, turns it into an undefined expression; in strict mode
 * it becomes an {@link EvalException} with {@link #code()}.
 */
public final class BuiltinException extends RuntimeException {
  private final String code;

  private BuiltinException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** An argument of the wrong type: {@code eval_type_error}. */
  public static BuiltinException type(String message) {
    return new BuiltinException(EvalException.TYPE, message);
  }

  /** Any other failure of the built-in: {@code eval_builtin_error}. */
  public static BuiltinException error(String message) {
    return new BuiltinException(EvalException.BUILTIN, message);
  }

  public String code() {
    return code;
  }
}
