package dev.mandate.pdp.decisionlog;

import dev.mandate.rego.value.JsonBytes;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
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

  /**
   * The event as one line of UTF-8 JSON (without the line break). Fields are written in sorted
   * order, as OPA's JSON encoding writes an object's members.
   */
  public byte[] encode(DecisionEvent e) {
    return encode(e, new JsonBytes(4096)).toByteArray();
  }

  /** {@link #encode(DecisionEvent)} into {@code out}, which is returned. */
  public JsonBytes encode(DecisionEvent e, JsonBytes out) {
    Masker.Masked m = masker.apply(e.input(), e.result());
    out.raw('{').name("bundles").raw('{').name(BUNDLE_NAME).raw('{')
        .name("revision").string(e.revision()).raw('}').raw('}');
    out.raw(',').name("decision_id").string(e.decisionId());
    if (!m.erased().isEmpty()) {
      strings(out.raw(',').name("erased"), m.erased());
    }
    if (e.error() != null) {
      out.raw(',').name("error").value(e.error());
    }
    if (m.input() != null) {
      out.raw(',').name("input").value(m.input());
    }
    out.raw(',').name("labels").value(labels);
    if (!m.masked().isEmpty()) {
      strings(out.raw(',').name("masked"), m.masked());
    }
    if (!e.metrics().isEmpty()) {
      out.raw(',').name("metrics").value(metrics(e.metrics()));
    }
    out.raw(',').name("path").string(e.path());
    if (e.requestedBy() != null) {
      out.raw(',').name("requested_by").string(e.requestedBy());
    }
    if (m.result() != null) {
      out.raw(',').name("result").value(m.result());
    }
    out.raw(',').name("timestamp").string(Rfc3339.nano(e.timestamp()));
    out.raw('}');
    return out;
  }

  private static ObjectValue metrics(Map<String, Long> metrics) {
    ObjectValue.Builder mb = ObjectValue.builder(metrics.size());
    metrics.forEach((k, v) -> mb.put(k, NumberValue.of(v)));
    return mb.build();
  }

  private static void strings(JsonBytes out, List<String> items) {
    out.raw('[');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.raw(',');
      }
      out.string(items.get(i));
    }
    out.raw(']');
  }
}
