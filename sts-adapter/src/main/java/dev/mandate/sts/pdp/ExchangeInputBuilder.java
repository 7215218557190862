package dev.mandate.sts.pdp;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import dev.mandate.sts.client.AuthenticatedClient;
import dev.mandate.sts.oauth.TokenTypes;
import dev.mandate.sts.request.TokenExchangeRequest;
import dev.mandate.sts.token.ValidatedToken;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Builds the decision input (docs/decision-contract.md §2) from what the STS has verified: the
 * authenticated client, the request parameters, and the validated tokens' issuer and verified
 * claims. Raw token strings never enter the input.
 */
public final class ExchangeInputBuilder {
  private ExchangeInputBuilder() {}

  /**
   * @param now the request time, already truncated to whole seconds; the issued token's
   *     {@code iat} uses the same instant so policy and token agree on lifetimes
   * @param environment the STS's environment ({@code prod}, ...) or null
   */
  public static ObjectValue build(TokenExchangeRequest req, AuthenticatedClient client,
      ValidatedToken subject, ValidatedToken actor, Instant now, String sourceIp,
      String environment) {
    ObjectValue.Builder request = ObjectValue.builder()
        .put("grant_type", StringValue.of(TokenTypes.TOKEN_EXCHANGE_GRANT));
    if (req.clientId() != null) {
      request.put("client_id", StringValue.of(req.clientId()));
    }
    request.put("audience", strings(req.audience()))
        .put("resource", strings(req.resource()))
        .put("scope", strings(req.scope()));
    if (req.requestedTokenType() != null) {
      request.put("requested_token_type", StringValue.of(req.requestedTokenType()));
    }
    if (req.requestedTtlSeconds() != null) {
      request.put("requested_ttl_seconds", NumberValue.of(req.requestedTtlSeconds()));
    }
    ObjectValue.Builder context = ObjectValue.builder()
        .put("time", StringValue.of(DateTimeFormatter.ISO_INSTANT.format(now)));
    if (sourceIp != null) {
      context.put("source_ip", StringValue.of(sourceIp));
    }
    if (environment != null) {
      context.put("environment", StringValue.of(environment));
    }
    ObjectValue.Builder in = ObjectValue.builder()
        .put("request", request.build())
        .put("subject_token", token(subject));
    if (actor != null) {
      in.put("actor_token", token(actor));
    }
    in.put("client", ObjectValue.builder()
            .put("id", StringValue.of(client.id()))
            .put("authentication_method", StringValue.of(client.method().wireName()))
            .build())
        .put("context", context.build());
    return in.build();
  }

  private static Value token(ValidatedToken t) {
    return ObjectValue.builder()
        .put("type", StringValue.of(t.type()))
        .put("issuer", StringValue.of(t.issuer()))
        .put("claims", Json.parse(t.claimsJson()))
        .build();
  }

  private static Value strings(List<String> list) {
    return ArrayValue.of(list.stream().map(s -> (Value) StringValue.of(s)).toList());
  }
}
