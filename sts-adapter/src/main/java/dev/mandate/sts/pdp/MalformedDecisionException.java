package dev.mandate.sts.pdp;

/** The PDP answered, but not with a decision the contract allows: fail closed (server_error). */
public final class MalformedDecisionException extends RuntimeException {
  private final String decisionId;

  public MalformedDecisionException(String message) {
    this(message, null);
  }

  public MalformedDecisionException(String message, String decisionId) {
    super(message);
    this.decisionId = decisionId;
  }

  /** The id of the decision that could not be used, when the PDP gave one; else null. */
  public String decisionId() {
    return decisionId;
  }
}
