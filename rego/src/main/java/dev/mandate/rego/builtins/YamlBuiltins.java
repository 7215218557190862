package dev.mandate.rego.builtins;

import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;

/**
 * OPA's {@code yaml.marshal}, {@code yaml.unmarshal} and {@code yaml.is_valid}, following the
 * go-yaml v2 library behind OPA's {@code sigs.k8s.io/yaml}: see {@link GoYamlDecoder} for
 * reading (YAML 1.1 scalars such as {@code yes} and {@code off} are booleans) and
 * {@link GoYamlEmitter} for writing.
 */
public final class YamlBuiltins {
  private YamlBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("yaml.marshal", 1, (ctx, a) -> StringValue.of(GoYamlEmitter.marshal(a[0])));
    r.function("yaml.unmarshal", 1, (ctx, a) -> unmarshal(Args.string(a, 0)));
    // As in OPA, a non-string operand is simply not valid YAML.
    r.function("yaml.is_valid", 1, (ctx, a) -> BooleanValue.of(a[0] instanceof StringValue s && isValid(s.value())));
  }

  private static Value unmarshal(String text) {
    try {
      return GoYamlDecoder.decode(text);
    } catch (GoYamlDecoder.YamlError e) {
      throw BuiltinException.error(e.getMessage());
    }
  }

  private static boolean isValid(String text) {
    try {
      GoYamlDecoder.decode(text);
      return true;
    } catch (GoYamlDecoder.YamlError e) {
      return false;
    }
  }
}
