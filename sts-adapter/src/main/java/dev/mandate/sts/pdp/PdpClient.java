package dev.mandate.sts.pdp;

import dev.mandate.rego.value.ObjectValue;

/**
 * Asks the policy decision point about one token exchange. Implementations block (call them off
 * the event loop) and never turn a failure into a permit: a PDP that cannot be asked throws
 * {@link PdpUnavailableException}, and a decision that does not match the contract throws
 * {@link MalformedDecisionException}.
 */
public interface PdpClient extends AutoCloseable {
  /** {@code input} is the contract's input document, built from validated claims only. */
  PdpDecision decide(ObjectValue input);

  /** A short description for the startup banner ("in-process, policies/" ...). */
  String describe();

  @Override
  default void close() {}
}
