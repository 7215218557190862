package dev.mandate.rego.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import dev.mandate.rego.value.Values;
import java.util.function.Consumer;

/** Calls a family's built-ins by name and checks results and errors. */
final class TimeNetCalls {
  private final BuiltinRegistry registry = new BuiltinRegistry();
  BuiltinContext ctx = new TimeNetTestContext();

  TimeNetCalls(Consumer<BuiltinRegistry> family) {
    family.accept(registry);
  }

  BuiltinRegistry registry() {
    return registry;
  }

  Value call(String name, Value... args) {
    Builtin b = registry.lookup(name);
    assertNotNull(b, "not registered: " + name);
    assertEquals(b.arity(), args.length, "arity of " + name);
    return b.function().call(ctx, args);
  }

  /** Asserts the result, compared in Rego syntax so that sets and numbers compare by value. */
  void expect(String regoText, String name, Value... args) {
    Value v = call(name, args);
    assertEquals(regoText, v == null ? "undefined" : Values.toRego(v), name);
  }

  BuiltinException error(String name, Value... args) {
    return assertThrows(BuiltinException.class, () -> call(name, args));
  }

  void expectError(String code, String message, String name, Value... args) {
    BuiltinException e = error(name, args);
    assertEquals(message, e.getMessage());
    assertEquals(code, e.code());
  }

  static StringValue s(String v) {
    return StringValue.of(v);
  }

  static NumberValue n(long v) {
    return NumberValue.of(v);
  }

  static NumberValue n(String v) {
    return NumberValue.parse(v);
  }

  static ArrayValue a(Value... v) {
    return ArrayValue.of(v);
  }
}
