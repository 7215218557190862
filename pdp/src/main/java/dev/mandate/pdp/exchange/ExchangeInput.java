package dev.mandate.pdp.exchange;

import dev.mandate.pdp.validation.Shape;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.Value;

/**
 * The shape of a token-exchange decision input, checked before any policy runs so a caller's
 * mistake is a 400 with a precise message rather than a puzzling deny:
 *
 * <pre>
 * {
 *   "request":       object, required: the RFC 8693 request parameters; grant_type,
 *                    client_id, subject_token_type, actor_token_type, requested_token_type are
 *                    strings,
 *                    audience, resource and scope are strings or arrays of strings
 *   "subject_token": object, string or null: the validated subject token (claims etc.)
 *   "actor_token":   object, string or null
 *   "client":        object: the authenticated client
 *   "context":       object: anything else the authorization server knows
 * }
 * </pre>
 *
 * Optional members may also be {@code null} ("not given"). Only type errors the policy could not
 * reason about are refused here; everything else (values, combinations, the finer rules of the
 * decision contract) is the policy's to judge, and other members are passed on untouched.
 */
public final class ExchangeInput {
  private static final String[] STRING_PARAMS = {
      "grant_type", "client_id", "subject_token_type", "actor_token_type",
      "requested_token_type"};
  private static final String[] STRING_OR_LIST_PARAMS = {"audience", "resource", "scope"};

  private ExchangeInput() {}

  /** Returns the input as an object, or throws {@code InvalidInputException}. */
  public static ObjectValue validate(Value body) {
    ObjectValue in = Shape.object(body, "the decision input");
    ObjectValue request = Shape.requiredObject(in, "request", "");
    for (String p : STRING_PARAMS) {
      Shape.optionalString(request, p, "request.");
    }
    for (String p : STRING_OR_LIST_PARAMS) {
      Shape.stringOrStrings(request, p, "request.");
    }
    Shape.tokenLike(in, "subject_token", "");
    Shape.tokenLike(in, "actor_token", "");
    Shape.optionalObject(in, "client", "");
    Shape.optionalObject(in, "context", "");
    return in;
  }
}
