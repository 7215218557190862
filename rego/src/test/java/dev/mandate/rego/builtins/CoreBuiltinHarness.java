package dev.mandate.rego.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.util.function.Consumer;

/** Calls built-ins of one family by name, and builds values tersely. */
final class CoreBuiltinHarness {
  final BuiltinRegistry registry = new BuiltinRegistry();
  final TestBuiltinContext ctx = new TestBuiltinContext();

  CoreBuiltinHarness(Consumer<BuiltinRegistry> family) {
    family.accept(registry);
  }

  /** The built-in's result; null means undefined. Checks the arity it was registered with. */
  Value call(String name, Value... args) {
    Builtin b = registry.lookup(name);
    assertNotNull(b, "not registered: " + name);
    assertEquals(b.arity(), args.length, "arity of " + name);
    return b.function().call(ctx, args);
  }

  /** Asserts the call fails with OPA's type error text. */
  void assertTypeError(String message, String name, Value... args) {
    BuiltinException e = assertThrows(BuiltinException.class, () -> call(name, args));
    assertEquals(message, e.getMessage());
    assertEquals(EvalException.TYPE, e.code());
  }

  /** Asserts the call fails with OPA's built-in error text. */
  void assertBuiltinError(String message, String name, Value... args) {
    BuiltinException e = assertThrows(BuiltinException.class, () -> call(name, args));
    assertEquals(message, e.getMessage());
    assertEquals(EvalException.BUILTIN, e.code());
  }

  /** A value from JSON text: {@code v("[1, \"a\"]")}. */
  static Value v(String json) {
    return Json.parse(json);
  }

  static StringValue s(String s) {
    return StringValue.of(s);
  }

  static NumberValue n(long n) {
    return NumberValue.of(n);
  }

  static NumberValue n(String decimal) {
    return NumberValue.parse(decimal);
  }

  static SetValue set(Value... elements) {
    return SetValue.of(elements);
  }

  static ArrayValue arr(Value... elements) {
    return ArrayValue.of(elements);
  }
}
