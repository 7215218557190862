package dev.mandate.rego;

import dev.mandate.rego.ast.Module;
import dev.mandate.rego.builtins.BuiltinRegistry;
import dev.mandate.rego.value.ObjectValue;
import java.util.List;
import java.util.Map;

/**
 * Compiled modules plus base data: immutable, shared freely between threads. Prepare a query
 * once with {@link #prepare(String)} and evaluate it many times.
 */
public final class Policy {
  // IMPLEMENTATION PENDING (engine core in progress): filled in by the compiler work.

  static Policy compile(Map<String, String> modules, ObjectValue data, BuiltinRegistry builtins) {
    throw new UnsupportedOperationException("compiler not yet implemented");
  }

  /** Parses and compiles a query body against this policy; throws {@link RegoException}. */
  public PreparedQuery prepare(String query) {
    throw new UnsupportedOperationException("compiler not yet implemented");
  }

  /** Every rule, in module order. */
  public List<RuleInfo> rules() {
    throw new UnsupportedOperationException("compiler not yet implemented");
  }

  /** The parsed modules, in the order given. */
  public List<Module> modules() {
    throw new UnsupportedOperationException("compiler not yet implemented");
  }

  /** The base document. */
  public ObjectValue data() {
    throw new UnsupportedOperationException("compiler not yet implemented");
  }
}
