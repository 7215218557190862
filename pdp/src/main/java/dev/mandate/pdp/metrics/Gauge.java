package dev.mandate.pdp.metrics;

import java.util.List;
import java.util.function.Supplier;

/** A value read when metrics are scraped, with labels that may change between scrapes. */
final class Gauge implements Metric {
  /** One sample: label values and the number. */
  record Sample(List<String> labels, double value) {}

  private final String name;
  private final String help;
  private final List<String> labelNames;
  private final Supplier<List<Sample>> samples;

  Gauge(String name, String help, Supplier<List<Sample>> samples, String... labelNames) {
    this.name = name;
    this.help = help;
    this.samples = samples;
    this.labelNames = List.of(labelNames);
  }

  @Override
  public void render(StringBuilder out) {
    Labels.header(out, name, help, "gauge");
    for (Sample s : samples.get()) {
      out.append(name);
      Labels.append(out, labelNames, s.labels(), null, null);
      out.append(' ').append(Labels.number(s.value())).append('\n');
    }
  }
}
