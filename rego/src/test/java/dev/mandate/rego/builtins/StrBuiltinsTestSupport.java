package dev.mandate.rego.builtins;

import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.Value;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A minimal {@link BuiltinContext} and call helpers for the string-family built-in tests. */
final class StrBuiltinsTestSupport {
  private StrBuiltinsTestSupport() {}

  /** A context that counts {@link #checkCancelled()} calls and can be told to cancel. */
  static final class Ctx implements BuiltinContext {
    final AtomicInteger cancelChecks = new AtomicInteger();
    volatile boolean cancelled;
    private final Map<Object, Value> cache = new HashMap<>();

    @Override public long nowNanos() { return 0; }

    @Override
    public synchronized Value queryCache(Object key, Function<Object, Value> compute) {
      return cache.computeIfAbsent(key, compute);
    }

    @Override public PrintSink printSink() { return (loc, line) -> { }; }

    @Override public boolean strict() { return true; }

    @Override
    public void checkCancelled() {
      cancelChecks.incrementAndGet();
      if (cancelled) {
        throw new IllegalStateException("cancelled");
      }
    }
  }

  /** Calls a function built-in with JSON-written operands. */
  static Value call(BuiltinRegistry r, String name, String... jsonArgs) {
    return callWith(new Ctx(), r, name, jsonArgs);
  }

  static Value callWith(BuiltinContext ctx, BuiltinRegistry r, String name, String... jsonArgs) {
    Value[] args = new Value[jsonArgs.length];
    for (int i = 0; i < args.length; i++) {
      args[i] = Json.parse(jsonArgs[i]);
    }
    return callValues(ctx, r, name, args);
  }

  static Value callValues(BuiltinContext ctx, BuiltinRegistry r, String name, Value... args) {
    Builtin b = r.lookup(name);
    if (b == null) {
      throw new AssertionError("not registered: " + name);
    }
    if (b.arity() != args.length) {
      throw new AssertionError(name + " has arity " + b.arity() + ", called with " + args.length);
    }
    return b.function().call(ctx, args);
  }
}
