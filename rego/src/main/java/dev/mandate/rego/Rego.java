package dev.mandate.rego;

import dev.mandate.rego.builtins.BuiltinRegistry;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine's entry point: collect modules and data, compile them once into a {@link Policy},
 * prepare queries against it, and evaluate those from any number of threads.
 *
 * <pre>{@code
 * Policy policy = Rego.builder().module("authz.rego", source).data(data).compile();
 * PreparedQuery allow = policy.prepare("data.authz.allow");
 * List<QueryResult> rs = allow.eval(EvalOptions.withInput(input));
 * }</pre>
 */
public final class Rego {
  private Rego() {}

  public static Builder builder() {
    return new Builder();
  }

  /** Collects what a policy is made of. Not thread-safe; the {@link Policy} it builds is. */
  public static final class Builder {
    private final Map<String, String> modules = new LinkedHashMap<>();
    private Value data = ObjectValue.EMPTY;
    private BuiltinRegistry builtins;

    /** Adds a module; {@code file} is the name errors and coverage report. */
    public Builder module(String file, String source) {
      if (modules.putIfAbsent(file, source) != null) {
        throw new IllegalArgumentException("module added twice: " + file);
      }
      return this;
    }

    public Builder modules(Map<String, String> filesToSources) {
      filesToSources.forEach(this::module);
      return this;
    }

    /** The base document under {@code data}; must be an object. */
    public Builder data(Value data) {
      if (!(data instanceof ObjectValue)) {
        throw new IllegalArgumentException("data must be an object, got " + data.typeName());
      }
      this.data = data;
      return this;
    }

    /** Replaces the standard built-in library (for tests and embedders that restrict it). */
    public Builder builtins(BuiltinRegistry registry) {
      this.builtins = registry;
      return this;
    }

    /** Parses and compiles everything; throws {@link RegoException} listing every error. */
    public Policy compile() {
      return Policy.compile(modules, (ObjectValue) data, builtins);
    }
  }
}
