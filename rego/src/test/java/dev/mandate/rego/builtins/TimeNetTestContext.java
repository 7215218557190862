package dev.mandate.rego.builtins;

import dev.mandate.rego.value.Value;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** A one-query built-in context for the time/net/units/semver/uuid/rand/bits tests. */
class TimeNetTestContext implements BuiltinContext {
  private final long now;
  private final Map<Object, Value> cache = new HashMap<>();
  int cancelChecks;

  TimeNetTestContext(long now) {
    this.now = now;
  }

  TimeNetTestContext() {
    this(1_670_006_453_141_828_752L);
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
    return (location, line) -> { };
  }

  @Override
  public boolean strict() {
    return true;
  }

  @Override
  public void checkCancelled() {
    cancelChecks++;
  }
}
