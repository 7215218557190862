package dev.mandate.rego.builtins;

import dev.mandate.rego.value.Value;
import java.util.function.Function;

/**
 * What a built-in may see of the evaluation that calls it. One context lives for one query
 * evaluation, so values that must be stable within a query ({@code time.now_ns},
 * {@code rand.intn}, {@code uuid.rfc4122}) are cached through {@link #queryCache}.
 */
public interface BuiltinContext {
  /** Nanoseconds since the Unix epoch, fixed for the whole query. */
  long nowNanos();

  /**
   * A value cached for the lifetime of this query: the first call computes it, later calls with
   * an equal key return the same value.
   */
  Value queryCache(Object key, Function<Object, Value> compute);

  /** Where {@code print} writes. */
  PrintSink printSink();

  /** True when built-in errors are errors rather than undefined results. */
  boolean strict();

  /**
   * Throws an evaluation error when the query has passed its deadline or step limit. Built-ins
   * that may run long (regex over big inputs, walks, big expansions) call it in their loops.
   */
  void checkCancelled();

  /** Receives the output of {@code print}. */
  @FunctionalInterface
  interface PrintSink {
    void print(String location, String line);
  }
}
