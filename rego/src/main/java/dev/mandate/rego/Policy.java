package dev.mandate.rego;

import dev.mandate.rego.ast.Module;
import dev.mandate.rego.builtins.BuiltinRegistry;
import dev.mandate.rego.builtins.StandardLibrary;
import dev.mandate.rego.compiler.CompiledPolicy;
import dev.mandate.rego.compiler.Compiler;
import dev.mandate.rego.value.ObjectValue;
import java.util.List;
import java.util.Map;

/**
 * Compiled modules plus base data: immutable, shared freely between threads. Prepare a query
 * once with {@link #prepare(String)} and evaluate it many times.
 */
public final class Policy {
  private final CompiledPolicy compiled;

  private Policy(CompiledPolicy compiled) {
    this.compiled = compiled;
  }

  static Policy compile(Map<String, String> modules, ObjectValue data, BuiltinRegistry builtins) {
    BuiltinRegistry registry = builtins != null ? builtins : StandardLibrary.registry();
    return new Policy(Compiler.compile(modules, data, registry));
  }

  /** Parses and compiles a query body against this policy; throws {@link RegoException}. */
  public PreparedQuery prepare(String query) {
    return new PreparedQuery(compiled, Compiler.compileQuery(compiled, query));
  }

  /** Every rule, in module order. */
  public List<RuleInfo> rules() {
    return compiled.rules();
  }

  /** The parsed modules, in the order given. */
  public List<Module> modules() {
    return compiled.modules();
  }

  /** The base document. */
  public ObjectValue data() {
    return compiled.data();
  }
}
