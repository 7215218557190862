package dev.mandate.pdp.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/** A monotonically increasing count per combination of label values. */
public final class Counter implements Metric {
  private final String name;
  private final String help;
  private final List<String> labelNames;
  private final Map<List<String>, LongAdder> series = new ConcurrentHashMap<>();

  Counter(String name, String help, String... labelNames) {
    this.name = name;
    this.help = help;
    this.labelNames = List.of(labelNames);
  }

  public void inc(String... labelValues) {
    add(1, labelValues);
  }

  public void add(long n, String... labelValues) {
    adder(labelValues).add(n);
  }

  public long value(String... labelValues) {
    LongAdder a = series.get(List.of(labelValues));
    return a == null ? 0 : a.sum();
  }

  /** Makes a series visible at zero before its first event, so alerts can rely on it. */
  void declare(String... labelValues) {
    adder(labelValues);
  }

  private LongAdder adder(String... labelValues) {
    if (labelValues.length != labelNames.size()) {
      throw new IllegalArgumentException(name + " takes labels " + labelNames);
    }
    return Labels.series(series, labelValues, LongAdder::new);
  }

  @Override
  public void render(StringBuilder out) {
    Labels.header(out, name, help, "counter");
    Map<String, String> lines = new ConcurrentSkipListMap<>();
    series.forEach((labels, adder) -> {
      StringBuilder sb = new StringBuilder(name);
      Labels.append(sb, labelNames, labels, null, null);
      lines.put(sb.toString(), Long.toString(adder.sum()));
    });
    if (lines.isEmpty() && labelNames.isEmpty()) {
      lines.put(name, "0");
    }
    lines.forEach((k, v) -> out.append(k).append(' ').append(v).append('\n'));
  }
}
