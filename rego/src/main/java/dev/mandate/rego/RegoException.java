package dev.mandate.rego;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when policies or a query do not parse or compile; carries every error found. */
public class RegoException extends RuntimeException {
  private final List<RegoError> errors;

  public RegoException(List<RegoError> errors) {
    super(format(errors));
    this.errors = List.copyOf(errors);
  }

  public RegoException(RegoError error) {
    this(List.of(error));
  }

  public List<RegoError> errors() {
    return errors;
  }

  /** The code of the first error. */
  public String code() {
    return errors.isEmpty() ? RegoError.COMPILE : errors.get(0).code();
  }

  private static String format(List<RegoError> errors) {
    if (errors.size() == 1) {
      return errors.get(0).toString();
    }
    return errors.size() + " errors occurred:\n"
        + errors.stream().map(RegoError::toString).collect(Collectors.joining("\n"));
  }
}
