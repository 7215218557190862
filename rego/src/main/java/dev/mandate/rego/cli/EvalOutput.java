package dev.mandate.rego.cli;

import dev.mandate.rego.QueryResult;
import dev.mandate.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result set in {@code opa eval --format json} shape:
 * {@code {"result": [{"expressions": [{"value", "text", "location"}], "bindings": {...}}]}}.
 * An undefined query prints {@code {}} (OPA omits the empty result), and a row without named
 * variables has no {@code bindings}.
 */
public final class EvalOutput {
  private EvalOutput() {}

  public static Map<String, Object> envelope(String query, List<String> expressionTexts,
      List<QueryResult> results) {
    List<Map<String, Object>> locations = ExpressionLocations.locate(query, expressionTexts);
    List<Object> rows = new ArrayList<>(results.size());
    for (QueryResult r : results) {
      List<Object> exprs = new ArrayList<>();
      for (int i = 0; i < r.expressions().size(); i++) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("value", r.expressions().get(i));
        e.put("text", i < expressionTexts.size() ? expressionTexts.get(i) : "");
        e.put("location", i < locations.size() ? locations.get(i) : ExpressionLocations.at(1, 1));
        exprs.add(e);
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("expressions", exprs);
      if (!r.bindings().isEmpty()) {
        // Go marshals the bindings map with sorted keys.
        row.put("bindings", new TreeMap<String, Value>(r.bindings()));
      }
      rows.add(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    if (!rows.isEmpty()) {
      out.put("result", rows);
    }
    return out;
  }

  /** The envelope as {@code opa eval} prints it, ending with a newline. */
  public static String format(String query, List<String> expressionTexts,
      List<QueryResult> results) {
    return GoJson.pretty(envelope(query, expressionTexts, results));
  }
}
