package dev.mandate.sts.pdp;

/** The PDP answered, but not with a decision the contract allows: fail closed (server_error). */
public final class MalformedDecisionException extends RuntimeException {
  public MalformedDecisionException(String message) {
    super(message);
  }
}
