package dev.mandate.sts.pdp;

import java.util.List;

/** The PDP's answer to one exchange, as the STS acts on it. Every variant carries its id. */
public sealed interface PdpDecision {
  String decisionId();

  /** Mint exactly what {@code grant} says. */
  record Permit(Grant grant, String decisionId, String policyRevision) implements PdpDecision {}

  /**
   * Refuse with the OAuth {@code error} (RFC 6749 §5.2); {@code reasonCodes} are the contract's
   * stable codes, safe to show the client (the messages are not passed on).
   */
  record Deny(String error, List<String> reasonCodes, String decisionId) implements PdpDecision {
    public Deny {
      reasonCodes = List.copyOf(reasonCodes);
    }
  }

  /** Otherwise permissible, but {@code scopes} await approval by {@code approvers}. */
  record ApprovalPending(List<String> scopes, List<String> approvers, String decisionId)
      implements PdpDecision {
    public ApprovalPending {
      scopes = List.copyOf(scopes);
      approvers = List.copyOf(approvers);
    }
  }
}
