package dev.mandate.rego.builtins;

import dev.mandate.rego.value.Value;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** A minimal built-in context for the crypto and JWT tests: a fixed clock, nothing else. */
final class CryptoTestContext implements BuiltinContext {
  private final long nowNanos;
  private final Map<Object, Value> cache = new HashMap<>();

  CryptoTestContext(long nowNanos) {
    this.nowNanos = nowNanos;
  }

  @Override
  public long nowNanos() {
    return nowNanos;
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
  }
}
