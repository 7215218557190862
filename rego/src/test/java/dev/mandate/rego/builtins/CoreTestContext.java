package dev.mandate.rego.builtins;

import dev.mandate.rego.value.Value;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** A minimal {@link BuiltinContext} for calling built-ins directly in tests. */
final class CoreTestContext implements BuiltinContext {
  private final Map<Object, Value> cache = new HashMap<>();
  int cancellationChecks;

  @Override
  public long nowNanos() {
    return 1_700_000_000_000_000_000L;
  }

  @Override
  public Value queryCache(Object key, Function<Object, Value> compute) {
    return cache.computeIfAbsent(key, compute);
  }

  @Override
  public PrintSink printSink() {
    return (location, line) -> {};
  }

  @Override
  public boolean strict() {
    return true;
  }

  @Override
  public void checkCancelled() {
    cancellationChecks++;
  }
}
