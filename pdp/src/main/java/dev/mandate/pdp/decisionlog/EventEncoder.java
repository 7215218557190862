package dev.mandate.pdp.decisionlog;

import dev.mandate.rego.value.JsonBytes;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Encodes a {@link DecisionEvent} as one JSON line with OPA's decision log field names:
 * {@code decision_id, path, input, result, timestamp, metrics, bundles, labels, requested_by},
 * plus {@code erased}/{@code masked} when masking changed something and {@code error} when the
 * evaluation failed. Masking happens here, so nothing unmasked is ever serialised.
 *
 * <p>The input and the result are copied from their JSON text when the event carries it (see
 * {@link RawJsonMasker}) and no configured pointer erases part of them; otherwise they are
 * masked and encoded from their values. Either way the line holds the same JSON values.
 *
 * <p>Not thread-safe: it keeps two buffers for the documents, and the decision log has one
 * writer thread.
 */
public final class EventEncoder {
  /** The bundle name revisions are reported under. */
  public static final String BUNDLE_NAME = "mandate";
  private static final int PART_BUFFER_SIZE = 2048;
  /** A part buffer grown past this by one large document is dropped after it, not kept. */
  private static final int PART_BUFFER_KEEP_MAX = 256 * 1024;

  private final Masker masker;
  private final RawJsonMasker rawMasker;
  /** The labels, encoded once: they are the same in every event. */
  private final byte[] labels;
  private JsonBytes inputPart = new JsonBytes(PART_BUFFER_SIZE);
  private JsonBytes resultPart = new JsonBytes(PART_BUFFER_SIZE);

  public EventEncoder(Masker masker, Map<String, String> labels) {
    this.masker = masker;
    this.rawMasker = new RawJsonMasker();
    ObjectValue.Builder b = ObjectValue.builder();
    labels.forEach((k, v) -> b.put(k, StringValue.of(v)));
    this.labels = JsonBytes.encode(b.build());
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
    // Both documents are masked before anything is written: "erased" and "masked" come first.
    List<String> erased = new ArrayList<>();
    List<String> masked = new ArrayList<>();
    boolean hasInput = part("input", e.input(), e.inputJson(), inputPart.reset(), erased, masked);
    boolean hasResult =
        part("result", e.result(), e.resultJson(), resultPart.reset(), erased, masked);
    out.raw('{').name("bundles").raw('{').name(BUNDLE_NAME).raw('{')
        .name("revision").string(e.revision()).raw('}').raw('}');
    out.raw(',').name("decision_id").string(e.decisionId());
    if (!erased.isEmpty()) {
      strings(out.raw(',').name("erased"), erased);
    }
    if (e.error() != null) {
      out.raw(',').name("error").value(e.error());
    }
    if (hasInput) {
      out.raw(',').name("input").bytes(inputPart.buffer(), 0, inputPart.length());
    }
    out.raw(',').name("labels").bytes(labels, 0, labels.length);
    if (!masked.isEmpty()) {
      strings(out.raw(',').name("masked"), masked);
    }
    if (!e.metrics().isEmpty()) {
      out.raw(',').name("metrics").value(metrics(e.metrics()));
    }
    out.raw(',').name("path").string(e.path());
    if (e.requestedBy() != null) {
      out.raw(',').name("requested_by").string(e.requestedBy());
    }
    if (hasResult) {
      out.raw(',').name("result").bytes(resultPart.buffer(), 0, resultPart.length());
    }
    out.raw(',').name("timestamp").string(Rfc3339.nano(e.timestamp()));
    out.raw('}');
    if (inputPart.buffer().length > PART_BUFFER_KEEP_MAX) {
      inputPart = new JsonBytes(PART_BUFFER_SIZE);
    }
    if (resultPart.buffer().length > PART_BUFFER_KEEP_MAX) {
      resultPart = new JsonBytes(PART_BUFFER_SIZE);
    }
    return out;
  }

  /**
   * Writes the masked document under {@code root} to {@code out}: copied from {@code text} when
   * there is one and the copy can be made, else from the value. False when there is nothing to
   * write (no document, or one erased as a whole).
   */
  private boolean part(String root, Value value, byte[] text, JsonBytes out, List<String> erased,
      List<String> masked) {
    if (value == null) {
      return false;
    }
    if (text != null && !masker.erases(root) && rawMasker.copy(text, root, out, masked)) {
      return true;
    }
    Value v = masker.apply(root, value, erased, masked);
    if (v == null) {
      return false;
    }
    out.value(v);
    return true;
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
