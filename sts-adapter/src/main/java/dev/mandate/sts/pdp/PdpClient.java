package dev.mandate.sts.pdp;

import dev.mandate.rego.value.ObjectValue;
import dev.mandate.pdp.http.EventLoopServers;
import java.time.Duration;

/**
 * Asks the policy decision point about one token exchange. Implementations never turn a failure
 * into a permit: a PDP that cannot be asked throws {@link PdpUnavailableException}, and a
 * decision that does not match the contract throws {@link MalformedDecisionException}.
 * {@link #blocks()} tells the STS whether {@link #decide} may run on an event loop.
 */
public interface PdpClient extends AutoCloseable {
  /** {@code input} is the contract's input document, built from validated claims only. */
  PdpDecision decide(ObjectValue input);

  /**
   * True if a decision may hold the calling thread longer than an event loop may be held:
   * because it waits on I/O (a network call, its timeouts and retries) or may compute for longer
   * than {@link #EVENT_LOOP_BUDGET}. The STS then runs exchanges on its worker pool, so one slow
   * decision cannot stall the other connections of an event loop. A client that does not say
   * otherwise is taken to block.
   */
  default boolean blocks() {
    return true;
  }

  /**
   * The longest a decision may take and still run on an event loop: the decision service's own
   * budget for evaluations on its event loops (docs/pdp.md, "Design notes").
   */
  Duration EVENT_LOOP_BUDGET = EventLoopServers.EVENT_LOOP_BUDGET;

  /** A short description for the startup banner ("in-process, policies/" ...). */
  String describe();

  @Override
  default void close() {}
}
