package dev.mandate.sts.http;

import dev.mandate.sts.json.JsonObjectWriter;
import dev.mandate.sts.mint.IssuedToken;
import dev.mandate.sts.oauth.OAuthException;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/** Writes token endpoint responses: JSON, never cached (RFC 6749 §5.1). */
final class OAuthResponses {
  private OAuthResponses() {}

  /** The successful response of RFC 8693 §2.2.1. */
  static void issued(HttpServerResponse resp, IssuedToken t) {
    send(resp, 200, new JsonObjectWriter(t.token().length() + 160)
        .string("access_token", t.token())
        .string("issued_token_type", t.issuedTokenType())
        .string("token_type", t.tokenType())
        .number("expires_in", t.expiresIn())
        .string("scope", String.join(" ", t.scope()))
        .end());
  }

  /** An error response of RFC 6749 §5.2, with the exception's extra members. */
  static void error(HttpServerResponse resp, OAuthException e) {
    JsonObjectWriter body = new JsonObjectWriter(128)
        .string("error", e.error())
        .string("error_description", e.description());
    for (Map.Entry<String, Object> x : e.extra().entrySet()) {
      body.value(x.getKey(), x.getValue());
    }
    if (e.wwwAuthenticate() != null && !resp.ended()) {
      resp.putHeader("WWW-Authenticate", e.wwwAuthenticate());
    }
    send(resp, e.status(), body.end());
  }

  private static void send(HttpServerResponse resp, int status, String json) {
    if (resp.ended() || resp.closed()) {
      return;
    }
    resp.setStatusCode(status)
        .putHeader("Content-Type", "application/json;charset=UTF-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("Pragma", "no-cache")
        .end(json);
  }
}
