package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Operand checks for built-ins. Each throws the type error OPA reports, worded as OPA words it
 * ({@code operand 1 must be string but got number}); operands are numbered from 1.
 */
public final class Args {
  private Args() {}

  public static String string(Value[] args, int i) {
    if (args[i] instanceof StringValue s) {
      return s.value();
    }
    throw mismatch(i, "string", args[i]);
  }

  public static NumberValue number(Value[] args, int i) {
    if (args[i] instanceof NumberValue n) {
      return n;
    }
    throw mismatch(i, "number", args[i]);
  }

  /** An integer operand; floats are refused as OPA refuses them. */
  public static NumberValue integer(Value[] args, int i) {
    NumberValue n = number(args, i);
    if (!n.isInteger()) {
      throw BuiltinException.type("operand " + (i + 1) + " must be integer number but got floating-point number");
    }
    return n;
  }

  /** An integer operand that fits in an int. */
  public static int intValue(Value[] args, int i) {
    NumberValue n = integer(args, i);
    return n.intValueExact().orElseThrow(
        () -> BuiltinException.error("operand " + (i + 1) + " is out of range"));
  }

  public static boolean bool(Value[] args, int i) {
    if (args[i] instanceof BooleanValue b) {
      return b.value();
    }
    throw mismatch(i, "boolean", args[i]);
  }

  public static ArrayValue array(Value[] args, int i) {
    if (args[i] instanceof ArrayValue a) {
      return a;
    }
    throw mismatch(i, "array", args[i]);
  }

  public static ObjectValue object(Value[] args, int i) {
    if (args[i] instanceof ObjectValue o) {
      return o;
    }
    throw mismatch(i, "object", args[i]);
  }

  public static SetValue set(Value[] args, int i) {
    if (args[i] instanceof SetValue s) {
      return s;
    }
    throw mismatch(i, "set", args[i]);
  }

  /** Checks that operand {@code i} is one of the named types. */
  public static Value oneOf(Value[] args, int i, String... typeNames) {
    for (String t : typeNames) {
      if (args[i].typeName().equals(t)) {
        return args[i];
      }
    }
    throw mismatch(i, "one of {" + String.join(", ", typeNames) + "}", args[i]);
  }

  /** {@code operand N must be WANT but got TYPE}. */
  public static BuiltinException mismatch(int i, String want, Value got) {
    return BuiltinException.type("operand " + (i + 1) + " must be " + want + " but got " + got.typeName());
  }

  /** Renders type names as OPA's "one of {a, b}" list. */
  public static String oneOfText(String... typeNames) {
    return Arrays.stream(typeNames).collect(Collectors.joining(", ", "one of {", "}"));
  }
}
