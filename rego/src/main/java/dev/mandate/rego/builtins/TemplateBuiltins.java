package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import dev.mandate.rego.value.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code strings.render_template(template, vars)}: renders a Go {@code text/template} (the subset
 * {@link GoTemplate} describes) with the variables object as its data, with
 * {@code missingkey=error}. Parse and execution failures are {@code eval_builtin_error}s with
 * Go's message.
 */
public final class TemplateBuiltins {
  private TemplateBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("strings.render_template", 2, (ctx, args) -> {
      String template = Args.string(args, 0);
      ObjectValue vars = Args.object(args, 1);
      try {
        List<GoTemplate.Node> nodes = GoTemplate.parse(template);
        return StringValue.of(GoTemplateExecutor.execute(template, nodes, toGo(vars), ctx));
      } catch (GoTemplate.TemplateException e) {
        throw BuiltinException.error(e.getMessage());
      }
    });
  }

  /** The value as OPA's JSON round trip gives it to Go: sets become arrays, numbers json.Number. */
  static Object toGo(Value v) {
    return switch (v) {
      case NullValue n -> null;
      case BooleanValue b -> b.value();
      case NumberValue n -> new GoTemplateExecutor.JsonNumber(SprintfBuiltins.opaNumberText(n));
      case StringValue s -> s.value();
      case ArrayValue a -> {
        List<Object> list = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
          list.add(toGo(a.get(i)));
        }
        yield list;
      }
      case SetValue s -> {
        List<Object> list = new ArrayList<>();
        for (Value e : s.sortedElements()) {
          list.add(toGo(e));
        }
        yield list;
      }
      case ObjectValue o -> {
        TreeMap<String, Object> map = new TreeMap<>(TemplateBuiltins::compareUtf8);
        for (Value k : o.keys()) {
          String key = k instanceof StringValue s ? s.value() : Values.toRego(k);
          map.put(key, toGo(o.get(k)));
        }
        yield map;
      }
    };
  }

  /** Go sorts map keys by bytes, which is code point order, not UTF-16 order. */
  private static int compareUtf8(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
