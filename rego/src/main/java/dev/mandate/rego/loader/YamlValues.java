package dev.mandate.rego.loader;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML text to {@link Value}s, the way OPA reads YAML: through its JSON form. Mappings become
 * objects with string keys, sequences arrays, and numbers stay exact (a float scalar is read from
 * its text as a {@link BigDecimal}, never through a {@code double}). Timestamps stay strings, as
 * they do when OPA converts YAML to JSON.
 *
 * <p>Only SnakeYAML's safe constructor is used: no YAML tag can instantiate a Java class.
 */
public final class YamlValues {
  /** Big data files are fine; the limit only stops absurd inputs. */
  private static final int CODE_POINT_LIMIT = 256 * 1024 * 1024;

  private YamlValues() {}

  /** Parses one YAML document; an empty document is {@code null}. */
  public static Value parse(String text) {
    Object raw;
    try {
      raw = newYaml().load(text);
    } catch (YAMLException e) {
      throw new YamlException(firstLine(e.getMessage()), e);
    }
    return raw == null ? null : toValue(raw);
  }

  /** Converts what SnakeYAML's safe constructor produced. */
  static Value toValue(Object o) {
    return switch (o) {
      case null -> NullValue.INSTANCE;
      case Boolean b -> BooleanValue.of(b);
      case String s -> StringValue.of(s);
      case Integer i -> NumberValue.of(i.longValue());
      case Long l -> NumberValue.of(l);
      // Through BigDecimal, as Json.parse does, so equal numbers get equal representations.
      case BigInteger bi -> NumberValue.of(new BigDecimal(bi));
      case BigDecimal bd -> NumberValue.of(bd);
      case Double d -> {
        if (d.isNaN() || d.isInfinite()) {
          throw new YamlException("number cannot be represented: " + d, null);
        }
        yield NumberValue.of(new BigDecimal(d.toString()));
      }
      case byte[] bytes -> StringValue.of(Base64.getEncoder().encodeToString(bytes));
      case Map<?, ?> m -> {
        Map<Value, Value> out = new HashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          out.put(StringValue.of(keyText(e.getKey())), toValue(e.getValue()));
        }
        yield ObjectValue.wrap(out);
      }
      case Set<?> s -> {
        List<Value> items = new ArrayList<>();
        s.forEach(item -> items.add(toValue(item)));
        yield SetValue.copyOf(items);
      }
      case Collection<?> c -> {
        List<Value> items = new ArrayList<>(c.size());
        c.forEach(item -> items.add(toValue(item)));
        yield ArrayValue.of(items);
      }
      default -> throw new YamlException("unsupported YAML value: " + o.getClass().getSimpleName(),
          null);
    };
  }

  /** JSON object keys are strings: a scalar key becomes its JSON text, as in OPA's conversion. */
  private static String keyText(Object key) {
    Value k = toValue(key);
    if (k instanceof StringValue s) {
      return s.value();
    }
    if (k.isScalar()) {
      return Json.write(k);
    }
    throw new YamlException("mapping key must be a scalar, got " + k.typeName(), null);
  }

  private static Yaml newYaml() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(CODE_POINT_LIMIT);
    options.setNestingDepthLimit(Json.MAX_DEPTH);
    options.setAllowRecursiveKeys(false);
    return new Yaml(new ExactConstructor(options));
  }

  private static String firstLine(String m) {
    if (m == null) {
      return "invalid YAML";
    }
    return m.strip().replaceAll("\\s*\\n\\s*", " ");
  }

  /** The safe constructor with exact floats and timestamps kept as text. */
  private static final class ExactConstructor extends SafeConstructor {
    ExactConstructor(LoaderOptions options) {
      super(options);
      AbstractConstruct plainFloat = (AbstractConstruct) yamlConstructors.get(Tag.FLOAT);
      yamlConstructors.put(Tag.FLOAT, new ExactFloat(plainFloat));
      yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
    }
  }

  /**
   * YAML 1.1 floats ({@code 1.5}, {@code 6.8e+5}, {@code 1_000.25}) parsed from their text so no
   * digit is lost. Sexagesimal floats ({@code 1:30.5}) fall back to SnakeYAML's own reading.
   */
  private static final class ExactFloat extends AbstractConstruct {
    private final AbstractConstruct fallback;

    ExactFloat(AbstractConstruct fallback) {
      this.fallback = fallback;
    }

    @Override
    public Object construct(Node node) {
      String text = ((ScalarNode) node).getValue().replace("_", "");
      String lower = text.toLowerCase(java.util.Locale.ROOT);
      if (lower.endsWith(".inf") || lower.equals(".nan")) {
        throw new YamlException("number cannot be represented: " + text, null);
      }
      try {
        return new BigDecimal(text);
      } catch (NumberFormatException e) {
        return fallback.construct(node);
      }
    }
  }

  /** Thrown for text that is not valid YAML or holds values JSON cannot represent. */
  public static final class YamlException extends RuntimeException {
    public YamlException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
