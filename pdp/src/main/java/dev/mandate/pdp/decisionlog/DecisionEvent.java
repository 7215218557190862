package dev.mandate.pdp.decisionlog;

import dev.mandate.rego.value.Value;
import java.time.Instant;
import java.util.Map;

/**
 * One decision as it will be logged, before masking. Built on the request path, so it holds
 * references only (and the JSON text of its documents where the request path has it anyway);
 * masking and encoding happen on the writer thread.
 *
 * @param decisionId the id returned to the caller
 * @param path the rule's path below {@code data}, slash-separated (OPA's {@code path})
 * @param input the input document, or null when the request had none
 * @param inputJson the JSON text {@code input} was parsed from, when the input is that whole
 *     text (the exchange API's request body); null otherwise. The writer may log the input from
 *     it (see {@link RawJsonMasker}). Not copied: the caller hands it over.
 * @param result the result returned to the caller, or null when undefined
 * @param resultJson the compact JSON encoding of {@code result}, when the caller made one; null
 *     otherwise. Also handed over, not copied.
 * @param error a description of an evaluation error, or null
 * @param revision the policy revision that decided
 * @param requestedBy the client's address
 * @param timestamp when the decision was made
 * @param metrics timers in nanoseconds, under OPA's names
 * @param requestBytes the size of the request body the decision came from, 0 when there was
 *     none: the decision log's queue counts it against its byte budget, since the event holds
 *     that body's text or the values parsed from it until it is written
 */
public record DecisionEvent(String decisionId, String path, Value input, byte[] inputJson,
    Value result, byte[] resultJson, Value error, String revision, String requestedBy,
    Instant timestamp, Map<String, Long> metrics, long requestBytes) {

  /** An event whose input and result are logged from their values. */
  public DecisionEvent(String decisionId, String path, Value input, Value result, Value error,
      String revision, String requestedBy, Instant timestamp, Map<String, Long> metrics) {
    this(decisionId, path, input, null, result, null, error, revision, requestedBy, timestamp,
        metrics, 0);
  }
}
