package dev.mandate.pdp.policy;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML data files as Rego values. OPA reads YAML by converting it to JSON, so timestamps stay
 * strings here too (SnakeYAML would otherwise turn {@code 2024-01-01} into a Date).
 */
final class YamlValues {
  private YamlValues() {}

  static Value parse(String text) {
    LoaderOptions options = new LoaderOptions();
    Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()),
        new DumperOptions(), options, new NoTimestamps());
    return toValue(yaml.load(text));
  }

  private static Value toValue(Object o) {
    return switch (o) {
      case null -> NullValue.INSTANCE;
      case Boolean b -> BooleanValue.of(b);
      case String s -> StringValue.of(s);
      case Integer i -> NumberValue.of(i.longValue());
      case Long l -> NumberValue.of(l);
      case BigInteger b -> NumberValue.of(b);
      case Double d -> NumberValue.of(BigDecimal.valueOf(d));
      case Map<?, ?> m -> {
        ObjectValue.Builder b = ObjectValue.builder();
        m.forEach((k, v) -> b.put(String.valueOf(k), toValue(v)));
        yield b.build();
      }
      case List<?> l -> {
        List<Value> items = new ArrayList<>(l.size());
        for (Object item : l) {
          items.add(toValue(item));
        }
        yield ArrayValue.of(items);
      }
      default -> StringValue.of(String.valueOf(o));
    };
  }

  /** The YAML 1.1 resolver minus timestamps. */
  private static final class NoTimestamps extends Resolver {
    @Override
    public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
      if (!Tag.TIMESTAMP.equals(tag)) {
        super.addImplicitResolver(tag, regexp, first, limit);
      }
    }

    @Override
    public void addImplicitResolver(Tag tag, Pattern regexp, String first) {
      if (!Tag.TIMESTAMP.equals(tag)) {
        super.addImplicitResolver(tag, regexp, first);
      }
    }
  }
}
