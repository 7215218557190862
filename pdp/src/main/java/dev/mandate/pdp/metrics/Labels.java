package dev.mandate.pdp.metrics;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Labels: finding a metric's series by its label values, and rendering them in the Prometheus
 * text exposition format (version 0.0.4).
 */
final class Labels {
  private Labels() {}

  /**
   * The series for these label values in a metric's concurrent map, created on first use. Looked
   * up with {@code get} first: {@code computeIfAbsent} locks a bin unless the key is its first
   * node, and every event but a series' first finds it.
   */
  static <S> S series(Map<List<String>, S> series, String[] labelValues, Supplier<S> create) {
    List<String> key = List.of(labelValues);
    S s = series.get(key);
    return s != null ? s : series.computeIfAbsent(key, k -> create.get());
  }

  static void append(StringBuilder sb, List<String> names, List<String> values, String extraName,
      String extraValue) {
    if (names.isEmpty() && extraName == null) {
      return;
    }
    sb.append('{');
    boolean first = true;
    for (int i = 0; i < names.size(); i++) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append(names.get(i)).append("=\"");
      escape(sb, values.get(i));
      sb.append('"');
    }
    if (extraName != null) {
      if (!first) {
        sb.append(',');
      }
      sb.append(extraName).append("=\"").append(extraValue).append('"');
    }
    sb.append('}');
  }

  private static void escape(StringBuilder sb, String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        case '\n' -> sb.append("\\n");
        default -> sb.append(c);
      }
    }
  }

  static void header(StringBuilder sb, String name, String help, String type) {
    sb.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\")
        .replace("\n", "\\n")).append('\n');
    sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return java.math.BigDecimal.valueOf(d).toPlainString();
  }
}
