package dev.mandate.pdp.validation;

/** A request document of the wrong shape; the message says which member and why. */
public final class InvalidInputException extends RuntimeException {
  public InvalidInputException(String message) {
    super(message, null, false, false);
  }
}
