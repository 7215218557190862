package dev.mandate.pdp.decisionlog;

import dev.mandate.rego.value.Value;
import java.time.Instant;
import java.util.Map;

/**
 * One decision as it will be logged, before masking. Built on the request path, so it holds
 * references only; masking and encoding happen on the writer thread.
 *
 * @param decisionId the id returned to the caller
 * @param path the rule's path below {@code data}, slash-separated (OPA's {@code path})
 * @param input the input document, or null when the request had none
 * @param result the result returned to the caller, or null when undefined
 * @param error a description of an evaluation error, or null
 * @param revision the policy revision that decided
 * @param requestedBy the client's address
 * @param timestamp when the decision was made
 * @param metrics timers in nanoseconds, under OPA's names
 */
public record DecisionEvent(String decisionId, String path, Value input, Value result,
    Value error, String revision, String requestedBy, Instant timestamp,
    Map<String, Long> metrics) {}
