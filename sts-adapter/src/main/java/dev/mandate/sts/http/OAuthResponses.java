package dev.mandate.sts.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mandate.sts.oauth.OAuthException;
import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes token endpoint responses: JSON, never cached (RFC 6749 §5.1). */
final class OAuthResponses {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OAuthResponses() {}

  static void json(HttpServerResponse resp, int status, Map<String, Object> body) {
    if (resp.ended() || resp.closed()) {
      return;
    }
    String text;
    try {
      text = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    resp.setStatusCode(status)
        .putHeader("Content-Type", "application/json;charset=UTF-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("Pragma", "no-cache")
        .end(text);
  }

  static void error(HttpServerResponse resp, OAuthException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", e.error());
    body.put("error_description", e.description());
    body.putAll(e.extra());
    if (e.wwwAuthenticate() != null && !resp.ended()) {
      resp.putHeader("WWW-Authenticate", e.wwwAuthenticate());
    }
    json(resp, e.status(), body);
  }
}
