package dev.mandate.pdp.http;

import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.Value;
import io.vertx.ext.web.RoutingContext;

/** Reads request bodies as JSON values. */
final class RequestBodies {
  private RequestBodies() {}

  /** A body's JSON text and the value parsed from it. */
  record JsonBody(byte[] text, Value value) {}

  /** The body as JSON, or null if the request has no body. */
  static Value optionalJson(RoutingContext ctx) {
    JsonBody body = optionalJsonBody(ctx);
    return body == null ? null : body.value();
  }

  /** The body as JSON; a missing body is a bad request. */
  static Value requiredJson(RoutingContext ctx) {
    return requiredJsonBody(ctx).value();
  }

  /** {@link #requiredJson}, with the text it was parsed from. */
  static JsonBody requiredJsonBody(RoutingContext ctx) {
    JsonBody body = optionalJsonBody(ctx);
    if (body == null) {
      throw new BadRequestException("request body is empty; a JSON object is required");
    }
    return body;
  }

  private static JsonBody optionalJsonBody(RoutingContext ctx) {
    RawBodyHandler.Body body = ctx.get(RawBodyHandler.BODY_KEY);
    if (body == null || body.length() == 0) {
      return null;
    }
    byte[] text = body.bytes();
    if (isBlank(text)) {
      return null;
    }
    try {
      return new JsonBody(text, Json.parse(text));
    } catch (RuntimeException e) {
      throw new BadRequestException("request body is not valid JSON: " + e.getMessage(), true);
    }
  }

  /** The size of the request body in bytes, 0 when there is none. */
  static long size(RoutingContext ctx) {
    RawBodyHandler.Body body = ctx.get(RawBodyHandler.BODY_KEY);
    return body == null ? 0 : body.length();
  }

  private static boolean isBlank(byte[] text) {
    for (byte b : text) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }
}
