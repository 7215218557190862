package dev.mandate.pdp.decisionlog;

/**
 * Where encoded events go. Called only from the decision log's writer thread, so
 * implementations need no locking.
 */
public interface DecisionLogSink {
  /**
   * Takes one encoded event: UTF-8 JSON without a line break. The array is the sink's to keep
   * and is not modified afterwards.
   */
  void accept(byte[] line);

  /**
   * Pushes out what has been accepted. {@code force} is set at shutdown: everything must be
   * written now or reported as dropped.
   */
  void flush(boolean force);

  void close();
}
