package dev.mandate.rego.builtins;

import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import dev.mandate.rego.value.Values;

/**
 * {@code print}, {@code trace} and {@code opa.runtime}: built-ins about the evaluation itself
 * rather than about values.
 */
public final class PrintBuiltins {
  /** What {@code print} shows for an operand that is undefined. */
  public static final String UNDEFINED = "<undefined>";

  private PrintBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.register(Builtin.variadic("print", (ctx, a) -> {
      ctx.printSink().print(null, line(a));
      return BooleanValue.TRUE;
    }));
    // OPA records the note for its tracers; the evaluator owns tracing, so the built-in itself
    // only checks its operand and succeeds.
    r.function("trace", 1, (ctx, a) -> {
      Args.string(a, 0);
      return BooleanValue.TRUE;
    });
    r.function("opa.runtime", 0, (ctx, a) -> runtime());
  }

  /**
   * The printed line: operands joined by single spaces, strings as their raw text, other values
   * in Rego syntax, and an undefined operand (passed as null) as {@code <undefined>}.
   */
  static String line(Value[] operands) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < operands.length; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      Value v = operands[i];
      if (v == null) {
        sb.append(UNDEFINED);
      } else if (v instanceof StringValue s) {
        sb.append(s.value());
      } else {
        sb.append(Values.toRego(v));
      }
    }
    return sb.toString();
  }

  /**
   * OPA's runtime document describes the OPA process (environment, configuration, build); an
   * engine embedded without a runtime, as OPA's own library is by default, returns an empty
   * object. Mandate's engine is always embedded, and its hosts' environment and configuration
   * may hold secrets, so it reports nothing.
   */
  static ObjectValue runtime() {
    return ObjectValue.EMPTY;
  }
}
