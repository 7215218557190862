package dev.mandate.pdp.authzen;

import dev.mandate.pdp.eval.EvalOutcome;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;

/**
 * Maps the AuthZEN policy rule's value to an AuthZEN decision, failing closed.
 *
 * <ul>
 *   <li>{@code true}/{@code false}: the decision, with no context;</li>
 *   <li>an object with a boolean {@code decision}: that decision, and its {@code context} member
 *       if that is an object (policies use it for reasons);</li>
 *   <li>undefined: {@code false} (no rule granted access);</li>
 *   <li>anything else, an evaluation error or a timeout: {@code false} with
 *       {@code context.error = {status, message}}, the shape AuthZEN uses for per-item errors.</li>
 * </ul>
 *
 * @param response the {@code {"decision": ..., "context": ...}} object
 * @param decision the decision
 * @param outcome the metrics label: permit, deny, error or timeout
 */
public record AccessDecision(ObjectValue response, boolean decision, String outcome) {
  public static AccessDecision from(EvalOutcome outcome) {
    return switch (outcome) {
      case EvalOutcome.Defined d -> fromValue(d.value());
      case EvalOutcome.Undefined u -> of(false, null);
      case EvalOutcome.TimedOut t ->
          error(500, "the policy did not decide within its deadline", "timeout");
      case EvalOutcome.Failed f -> error(500, "the policy failed to evaluate", "error");
      case EvalOutcome.InvalidQuery q ->
          error(500, "the configured AuthZEN rule is not a valid query", "error");
    };
  }

  private static AccessDecision fromValue(Value v) {
    if (v instanceof BooleanValue b) {
      return of(b.value(), null);
    }
    if (v instanceof ObjectValue o && o.get("decision") instanceof BooleanValue b) {
      return of(b.value(), o.get("context") instanceof ObjectValue c ? c : null);
    }
    return error(500, "the policy's result is neither a boolean nor an object with a boolean "
        + "\"decision\"", "error");
  }

  private static AccessDecision of(boolean decision, ObjectValue context) {
    ObjectValue.Builder b = ObjectValue.builder().put("decision", BooleanValue.of(decision));
    if (context != null) {
      b.put("context", context);
    }
    return new AccessDecision(b.build(), decision, decision ? "permit" : "deny");
  }

  /** A deny carrying an error in its context. */
  public static AccessDecision error(int status, String message, String outcome) {
    ObjectValue err = ObjectValue.builder()
        .put("status", NumberValue.of(status))
        .put("message", StringValue.of(message))
        .build();
    ObjectValue response = ObjectValue.builder()
        .put("decision", BooleanValue.FALSE)
        .put("context", ObjectValue.of("error", err))
        .build();
    return new AccessDecision(response, false, outcome);
  }
}
