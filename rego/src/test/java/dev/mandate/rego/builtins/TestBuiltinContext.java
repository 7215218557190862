package dev.mandate.rego.builtins;

import dev.mandate.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A built-in context for unit tests: fixed clock, recorded prints, countable cancellation checks. */
final class TestBuiltinContext implements BuiltinContext {
  final List<String> printed = new ArrayList<>();
  final Map<Object, Value> cache = new HashMap<>();
  int cancellationChecks;
  /** When positive, the n-th cancellation check throws. */
  int cancelAfter;
  private final long now;

  TestBuiltinContext() {
    this(1_700_000_000_000_000_000L);
  }

  TestBuiltinContext(long nowNanos) {
    this.now = nowNanos;
  }

  @Override
  public long nowNanos() {
    return now;
  }

  @Override
  public Value queryCache(Object key, Function<Object, Value> compute) {
    return cache.computeIfAbsent(key, compute);
  }

  @Override
  public PrintSink printSink() {
    return (location, line) -> printed.add(line);
  }

  @Override
  public boolean strict() {
    return true;
  }

  @Override
  public void checkCancelled() {
    cancellationChecks++;
    if (cancelAfter > 0 && cancellationChecks >= cancelAfter) {
      throw new IllegalStateException("cancelled");
    }
  }
}
