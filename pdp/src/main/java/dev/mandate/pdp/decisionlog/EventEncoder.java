package dev.mandate.pdp.decisionlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import java.io.IOException;
import java.io.UncheckedIOException;
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

  private static final JsonFactory JSON = new JsonFactory();

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
    Masker.Masked m = masker.apply(e.input(), e.result());
    Utf8Buffer out = new Utf8Buffer(4096);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeFieldName("bundles");
      g.writeStartObject();
      g.writeFieldName(BUNDLE_NAME);
      g.writeStartObject();
      g.writeStringField("revision", e.revision());
      g.writeEndObject();
      g.writeEndObject();
      g.writeStringField("decision_id", e.decisionId());
      if (!m.erased().isEmpty()) {
        writeStrings(g, "erased", m.erased());
      }
      if (e.error() != null) {
        g.writeFieldName("error");
        Json.writeValue(g, e.error());
      }
      if (m.input() != null) {
        g.writeFieldName("input");
        Json.writeValue(g, m.input());
      }
      g.writeFieldName("labels");
      Json.writeValue(g, labels);
      if (!m.masked().isEmpty()) {
        writeStrings(g, "masked", m.masked());
      }
      if (!e.metrics().isEmpty()) {
        g.writeFieldName("metrics");
        Json.writeValue(g, metrics(e.metrics()));
      }
      g.writeStringField("path", e.path());
      if (e.requestedBy() != null) {
        g.writeStringField("requested_by", e.requestedBy());
      }
      if (m.result() != null) {
        g.writeFieldName("result");
        Json.writeValue(g, m.result());
      }
      g.writeStringField("timestamp", Rfc3339.nano(e.timestamp()));
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex); // the buffer itself never fails
    }
    return out.toByteArray();
  }

  private static ObjectValue metrics(Map<String, Long> metrics) {
    ObjectValue.Builder mb = ObjectValue.builder(metrics.size());
    metrics.forEach((k, v) -> mb.put(k, NumberValue.of(v)));
    return mb.build();
  }

  private static void writeStrings(JsonGenerator g, String field, List<String> items)
      throws IOException {
    g.writeFieldName(field);
    g.writeStartArray();
    for (String s : items) {
      g.writeString(s);
    }
    g.writeEndArray();
  }
}
