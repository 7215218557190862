package dev.mandate.pdp.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A cumulative-bucket histogram (of seconds, or of counts) per combination of label values. */
public final class Histogram implements Metric {
  private final String name;
  private final String help;
  private final List<String> labelNames;
  private final double[] bounds;
  private final Map<List<String>, Series> series = new ConcurrentHashMap<>();

  Histogram(String name, String help, double[] bounds, String... labelNames) {
    this.name = name;
    this.help = help;
    this.bounds = bounds.clone();
    this.labelNames = List.of(labelNames);
  }

  public void observe(double value, String... labelValues) {
    Labels.series(series, labelValues, () -> new Series(bounds.length)).observe(bounds, value);
  }

  public long count(String... labelValues) {
    Series s = series.get(List.of(labelValues));
    return s == null ? 0 : s.count.sum();
  }

  @Override
  public void render(StringBuilder out) {
    Labels.header(out, name, help, "histogram");
    List<Map.Entry<List<String>, Series>> entries = new ArrayList<>(series.entrySet());
    entries.sort(Comparator.comparing(e -> String.join("\u0000", e.getKey())));
    for (Map.Entry<List<String>, Series> e : entries) {
      List<String> labels = e.getKey();
      Series s = e.getValue();
      long cumulative = 0;
      for (int i = 0; i < bounds.length; i++) {
        cumulative += s.buckets[i].sum();
        out.append(name).append("_bucket");
        Labels.append(out, labelNames, labels, "le", Labels.number(bounds[i]));
        out.append(' ').append(cumulative).append('\n');
      }
      long count = s.count.sum();
      out.append(name).append("_bucket");
      Labels.append(out, labelNames, labels, "le", "+Inf");
      out.append(' ').append(count).append('\n');
      out.append(name).append("_sum");
      Labels.append(out, labelNames, labels, null, null);
      out.append(' ').append(s.sum.sum()).append('\n');
      out.append(name).append("_count");
      Labels.append(out, labelNames, labels, null, null);
      out.append(' ').append(count).append('\n');
    }
  }

  private static final class Series {
    final LongAdder[] buckets;
    final LongAdder count = new LongAdder();
    final DoubleAdder sum = new DoubleAdder();

    Series(int n) {
      buckets = new LongAdder[n];
      for (int i = 0; i < n; i++) {
        buckets[i] = new LongAdder();
      }
    }

    void observe(double[] bounds, double v) {
      for (int i = 0; i < bounds.length; i++) {
        if (v <= bounds[i]) {
          buckets[i].increment();
          break;
        }
      }
      count.increment();
      sum.add(v);
    }
  }
}
