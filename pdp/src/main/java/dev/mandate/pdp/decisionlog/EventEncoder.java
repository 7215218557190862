package dev.mandate.pdp.decisionlog;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.util.List;
import java.util.Map;

/**
 * Encodes a {@link DecisionEvent} as one JSON line with OPA's decision log field names:
 * {@code decision_id, path, input, result, timestamp, metrics, bundles, labels, requested_by},
 * plus {@code erased}/{@code masked} when masking changed something and {@code error} when the
 * evaluation failed. Masking happens here, so nothing unmasked is ever serialised.
 */
public final class EventEncoder {
  /** The bundle name revisions are reported under. */
  public static final String BUNDLE_NAME = "mandate";

  private final Masker masker;
  private final ObjectValue labels;

  public EventEncoder(Masker masker, Map<String, String> labels) {
    this.masker = masker;
    ObjectValue.Builder b = ObjectValue.builder();
    labels.forEach((k, v) -> b.put(k, StringValue.of(v)));
    this.labels = b.build();
  }

  public String encode(DecisionEvent e) {
    Masker.Masked m = masker.apply(e.input(), e.result());
    ObjectValue.Builder b = ObjectValue.builder()
        .put("decision_id", StringValue.of(e.decisionId()))
        .put("path", StringValue.of(e.path()))
        .put("timestamp", StringValue.of(Rfc3339.nano(e.timestamp())))
        .put("labels", labels)
        .put("bundles", ObjectValue.of(BUNDLE_NAME,
            ObjectValue.of("revision", StringValue.of(e.revision()))));
    if (e.requestedBy() != null) {
      b.put("requested_by", StringValue.of(e.requestedBy()));
    }
    if (m.input() != null) {
      b.put("input", m.input());
    }
    if (m.result() != null) {
      b.put("result", m.result());
    }
    if (e.error() != null) {
      b.put("error", e.error());
    }
    if (!e.metrics().isEmpty()) {
      ObjectValue.Builder mb = ObjectValue.builder();
      e.metrics().forEach((k, v) -> mb.put(k, NumberValue.of(v)));
      b.put("metrics", mb.build());
    }
    if (!m.erased().isEmpty()) {
      b.put("erased", strings(m.erased()));
    }
    if (!m.masked().isEmpty()) {
      b.put("masked", strings(m.masked()));
    }
    return Json.write(b.build());
  }

  private static Value strings(List<String> items) {
    return ArrayValue.of(items.stream().map(s -> (Value) StringValue.of(s)).toList());
  }
}
