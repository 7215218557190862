package dev.mandate.rego.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Calls built-ins of one family the way the evaluator would. */
final class BuiltinTestSupport {
  final BuiltinRegistry registry = new BuiltinRegistry();
  final TestBuiltinContext ctx = new TestBuiltinContext();

  BuiltinTestSupport(Consumer<BuiltinRegistry> family) {
    family.accept(registry);
  }

  Builtin lookup(String name) {
    Builtin b = registry.lookup(name);
    assertNotNull(b, "not registered: " + name);
    return b;
  }

  Value call(String name, Value... args) {
    Builtin b = lookup(name);
    if (!b.variadic()) {
      assertEquals(b.arity(), args.length, "arity of " + name);
    }
    return b.function().call(ctx, args);
  }

  List<Value> relation(String name, Value... args) {
    List<Value> out = new ArrayList<>();
    lookup(name).relation().call(ctx, args, out::add);
    return out;
  }

  /** The built-in's result for a call whose operands are given as JSON text. */
  Value callJson(String name, String... jsonArgs) {
    Value[] args = new Value[jsonArgs.length];
    for (int i = 0; i < args.length; i++) {
      args[i] = Json.parse(jsonArgs[i]);
    }
    return call(name, args);
  }

  String callString(String name, String arg) {
    return ((StringValue) call(name, StringValue.of(arg))).value();
  }

  BuiltinException builtinError(String name, Value... args) {
    BuiltinException e = assertThrows(BuiltinException.class, () -> call(name, args));
    assertEquals(EvalException.BUILTIN, e.code(), e.getMessage());
    return e;
  }

  BuiltinException typeError(String name, Value... args) {
    BuiltinException e = assertThrows(BuiltinException.class, () -> call(name, args));
    assertEquals(EvalException.TYPE, e.code(), e.getMessage());
    return e;
  }

  static StringValue s(String v) {
    return StringValue.of(v);
  }

  static Value j(String json) {
    return Json.parse(json);
  }
}
