package dev.mandate.pdp.exchange;

import dev.mandate.pdp.eval.EvalOutcome;
import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;

/**
 * Turns an evaluation of the exchange decision rule into the decision returned to the
 * authorization server, failing closed: anything but an object with a boolean {@code allow}
 * becomes a deny with error {@code invalid_request} and a single reason, {@code policy_error}
 * or (for a deadline) {@code timeout}. The reason messages are generic on purpose; the engine's
 * own error goes to the decision log, not to the caller.
 *
 * @param decision the decision object to return (without decision_id and policy_revision)
 * @param outcome the metrics label: allow, deny, policy_error or timeout
 */
public record ExchangeDecision(ObjectValue decision, String outcome) {
  public static final String POLICY_ERROR = "policy_error";
  public static final String TIMEOUT = "timeout";

  public static ExchangeDecision from(EvalOutcome outcome) {
    return switch (outcome) {
      case EvalOutcome.Defined d -> fromValue(d.value());
      case EvalOutcome.Undefined u ->
          failClosed(POLICY_ERROR, "the policy produced no decision for this input");
      case EvalOutcome.TimedOut t ->
          failClosed(TIMEOUT, "the policy did not decide within its deadline");
      case EvalOutcome.Failed f -> failClosed(POLICY_ERROR, "the policy failed to evaluate");
      case EvalOutcome.InvalidQuery q ->
          failClosed(POLICY_ERROR, "the configured decision rule is not a valid query");
    };
  }

  private static ExchangeDecision fromValue(Value v) {
    if (v instanceof ObjectValue o && o.get("allow") instanceof BooleanValue allow) {
      return new ExchangeDecision(o, allow.value() ? "allow" : "deny");
    }
    return failClosed(POLICY_ERROR,
        "the policy's decision is not an object with a boolean \"allow\"");
  }

  public static ExchangeDecision failClosed(String code, String message) {
    ObjectValue reason = ObjectValue.builder()
        .put("code", StringValue.of(code))
        .put("message", StringValue.of(message))
        .build();
    ObjectValue deny = ObjectValue.builder()
        .put("error", StringValue.of("invalid_request"))
        .put("reasons", ArrayValue.of(reason))
        .build();
    ObjectValue decision = ObjectValue.builder()
        .put("allow", BooleanValue.FALSE)
        .put("deny", deny)
        .build();
    return new ExchangeDecision(decision, code);
  }
}
