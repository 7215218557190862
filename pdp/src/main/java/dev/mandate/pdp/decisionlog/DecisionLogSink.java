package dev.mandate.pdp.decisionlog;

/**
 * Where encoded events go. Called only from the decision log's writer thread, so
 * implementations need no locking.
 */
public interface DecisionLogSink {
  /** Takes one encoded event (a JSON text without a line break). */
  void accept(String line);

  /**
   * Pushes out what has been accepted. {@code force} is set at shutdown: everything must be
   * written now or reported as dropped.
   */
  void flush(boolean force);

  void close();
}
