package dev.mandate.pdp.metrics;

/** A metric family that can render itself in the Prometheus text format. */
interface Metric {
  void render(StringBuilder out);
}
