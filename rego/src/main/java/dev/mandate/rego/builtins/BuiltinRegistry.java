package dev.mandate.rego.builtins;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The built-ins a compiler knows, by name. */
public final class BuiltinRegistry {
  private final Map<String, Builtin> byName = new HashMap<>();

  public BuiltinRegistry register(Builtin b) {
    if (byName.putIfAbsent(b.name(), b) != null) {
      throw new IllegalStateException("built-in registered twice: " + b.name());
    }
    return this;
  }

  /** Convenience for function built-ins. */
  public BuiltinRegistry function(String name, int arity, Builtin.Function fn) {
    return register(Builtin.function(name, arity, fn));
  }

  /** The built-in, or null when there is none of that name. */
  public Builtin lookup(String name) {
    return byName.get(name);
  }

  public boolean contains(String name) {
    return byName.containsKey(name);
  }

  public Set<String> names() {
    return Collections.unmodifiableSet(byName.keySet());
  }
}
