package dev.mandate.rego;

import dev.mandate.rego.ast.Location;

/**
 * A problem found while parsing or compiling a policy, with OPA's error code
 * ({@code rego_parse_error}, {@code rego_compile_error}, {@code rego_type_error},
 * {@code rego_unsafe_var_error}, {@code rego_recursion_error}).
 */
public record RegoError(String code, String message, Location location) {
  public static final String PARSE = "rego_parse_error";
  public static final String COMPILE = "rego_compile_error";
  public static final String TYPE = "rego_type_error";
  public static final String UNSAFE_VAR = "rego_unsafe_var_error";
  public static final String RECURSION = "rego_recursion_error";

  /** {@code file:line:col: code: message}. */
  @Override
  public String toString() {
    return location + ": " + code + ": " + message;
  }
}
