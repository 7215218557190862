package dev.mandate.rego.conformance;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import dev.mandate.rego.value.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Compares result sets the way OPA's conformance runner does. Each row becomes an object from
 * variable name to value; the rows form a set, so order (and repetition) does not matter. Actual
 * values first pass through their JSON form, because the expected values come from YAML, which
 * has no sets and only string keys: a set result equals the sorted array the case lists. Values
 * then compare as Rego values, so {@code 1} equals {@code 1.0}.
 */
public final class ResultRows {
  private ResultRows() {}

  /** The expected rows as a comparable set. */
  public static SetValue expected(List<Map<String, Value>> rows, boolean sortBindings) {
    List<Value> out = new ArrayList<>(rows.size());
    for (Map<String, Value> row : rows) {
      out.add(row(row, sortBindings, false));
    }
    return SetValue.copyOf(out);
  }

  /** The actual rows (query bindings) as a comparable set; generated variables are left out. */
  public static SetValue actual(List<Map<String, Value>> rows, boolean sortBindings) {
    List<Value> out = new ArrayList<>(rows.size());
    for (Map<String, Value> row : rows) {
      out.add(row(row, sortBindings, true));
    }
    return SetValue.copyOf(out);
  }

  public static boolean matches(SetValue expected, SetValue actual) {
    return expected.equals(actual);
  }

  /** Rows printed one per line, sorted, for a failure report; "(undefined)" when there are none. */
  public static String describe(SetValue rows) {
    if (rows.isEmpty()) {
      return "(undefined)";
    }
    StringBuilder sb = new StringBuilder();
    for (Value row : rows.sortedElements()) {
      if (!sb.isEmpty()) {
        sb.append('\n');
      }
      sb.append(Values.toRego(row));
    }
    return sb.toString();
  }

  /**
   * True for variables the result set does not report: the wildcard {@code _}, and variables
   * the compiler generated ({@code $...}, {@code __local...__}).
   */
  public static boolean isReported(String var) {
    return !var.equals("_") && !var.startsWith("$") && !var.startsWith("__");
  }

  private static ObjectValue row(Map<String, Value> row, boolean sortBindings, boolean viaJson) {
    ObjectValue.Builder b = ObjectValue.builder();
    for (Map.Entry<String, Value> e : row.entrySet()) {
      if (viaJson && !isReported(e.getKey())) {
        continue;
      }
      Value v = viaJson ? asJson(e.getValue()) : e.getValue();
      if (sortBindings && v instanceof ArrayValue a) {
        Value[] items = a.toArray();
        Arrays.sort(items, Values::compare);
        v = ArrayValue.wrap(items);
      }
      b.put(StringValue.of(e.getKey()), v);
    }
    return b.build();
  }

  /** The value as it reads back from its JSON text: sets become sorted arrays, keys strings. */
  public static Value asJson(Value v) {
    return Json.parse(Json.write(v));
  }
}
