package dev.mandate.sts.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mandate.sts.keys.SigningKeys;
import dev.mandate.sts.oauth.TokenTypes;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /.well-known/jwks.json} (the public signing keys: current, next, and retired ones
 * still in their window) and {@code GET /.well-known/oauth-authorization-server} (RFC 8414).
 */
final class DiscoveryEndpoints {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SigningKeys keys;
  private final String metadata;

  DiscoveryEndpoints(SigningKeys keys, String issuer, String baseUrl,
      List<String> authMethods, List<String> assertionAlgorithms) {
    this.keys = keys;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("issuer", issuer);
    m.put("token_endpoint", baseUrl + StsRouter.TOKEN_PATH);
    m.put("jwks_uri", baseUrl + StsRouter.JWKS_PATH);
    m.put("grant_types_supported", List.of(TokenTypes.TOKEN_EXCHANGE_GRANT));
    m.put("token_endpoint_auth_methods_supported", authMethods);
    m.put("token_endpoint_auth_signing_alg_values_supported", assertionAlgorithms);
    m.put("response_types_supported", List.of());
    m.put("scopes_supported", List.of());
    try {
      this.metadata = JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  void jwks(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "application/jwk-set+json")
        .putHeader("Cache-Control", "public, max-age=300")
        .end(keys.published().toString(true));
  }

  void metadata(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "public, max-age=3600")
        .end(metadata);
  }
}
