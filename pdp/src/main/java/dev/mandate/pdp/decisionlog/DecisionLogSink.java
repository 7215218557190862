package dev.mandate.pdp.decisionlog;

/**
 * Where encoded events go. Called only from the decision log's writer thread, so
 * implementations need no locking.
 */
public interface DecisionLogSink {
  /**
   * Takes one encoded event: the first {@code length} bytes of {@code bytes}, UTF-8 JSON without
   * a line break. The writer reuses the array for the next event once this returns, so a sink
   * that keeps the line must copy it.
   */
  void accept(byte[] bytes, int length);

  /**
   * Pushes out what has been accepted. {@code force} is set at shutdown: everything must be
   * written now or reported as dropped.
   */
  void flush(boolean force);

  void close();
}
