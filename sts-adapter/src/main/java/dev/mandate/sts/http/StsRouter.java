package dev.mandate.sts.http;

import dev.mandate.sts.exchange.TokenExchange;
import dev.mandate.sts.keys.SigningKeys;
import dev.mandate.sts.oauth.OAuthException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.util.List;

/** The STS's HTTP routes. */
public final class StsRouter {
  public static final String TOKEN_PATH = "/oauth2/token";
  public static final String JWKS_PATH = "/.well-known/jwks.json";
  public static final String METADATA_PATH = "/.well-known/oauth-authorization-server";

  private StsRouter() {}

  public static Router create(Vertx vertx, TokenExchange exchange, SigningKeys keys,
      String issuer, String baseUrl, int maxBodyBytes, List<String> authMethods,
      List<String> assertionAlgorithms) {
    Router router = Router.router(vertx);
    TokenEndpoint token = new TokenEndpoint(exchange, maxBodyBytes);
    DiscoveryEndpoints discovery = new DiscoveryEndpoints(keys, issuer, baseUrl, authMethods,
        assertionAlgorithms);
    router.post(TOKEN_PATH).handler(token::handle);
    router.route(TOKEN_PATH).handler(ctx -> {
      ctx.response().putHeader("Allow", "POST");
      OAuthResponses.error(ctx.response(),
          OAuthException.of("invalid_request", "the token endpoint accepts POST only", 405));
    });
    router.route(HttpMethod.GET, JWKS_PATH).handler(discovery::jwks);
    router.route(HttpMethod.GET, METADATA_PATH).handler(discovery::metadata);
    router.get("/health").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/json").end("{\"status\":\"ok\"}"));
    return router;
  }
}
