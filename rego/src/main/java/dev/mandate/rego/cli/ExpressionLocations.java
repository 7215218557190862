package dev.mandate.rego.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each expression of a query starts ({@code {"row": r, "col": c}}, 1-based), found by
 * locating each expression's source text in the query, in order.
 */
final class ExpressionLocations {
  private ExpressionLocations() {}

  static List<Map<String, Object>> locate(String query, List<String> texts) {
    List<Map<String, Object>> out = new ArrayList<>(texts.size());
    int from = 0;
    for (String text : texts) {
      int at = text.isEmpty() ? -1 : query.indexOf(text, from);
      if (at < 0) {
        at = Math.min(from, query.length());
        // Skip separators so the guess lands on the next expression's first character.
        while (at < query.length() && (Character.isWhitespace(query.charAt(at))
            || query.charAt(at) == ';')) {
          at++;
        }
      } else {
        from = at + text.length();
      }
      out.add(position(query, at));
    }
    return out;
  }

  private static Map<String, Object> position(String query, int offset) {
    int row = 1;
    int col = 1;
    for (int i = 0; i < offset && i < query.length(); i++) {
      if (query.charAt(i) == '\n') {
        row++;
        col = 1;
      } else {
        col++;
      }
    }
    return at(row, col);
  }

  static Map<String, Object> at(int row, int col) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("row", row);
    m.put("col", col);
    return m;
  }
}
