package dev.mandate.pdp.eval;

/**
 * An {@link EvalOutcome} with the revision it was computed against, how long evaluation took,
 * and whether it came from the decision cache.
 */
public record Evaluation(String revision, EvalOutcome outcome, long evalNanos, boolean cacheHit) {}
