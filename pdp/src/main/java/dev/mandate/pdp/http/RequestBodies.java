package dev.mandate.pdp.http;

import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.Value;
import io.vertx.core.buffer.Buffer;
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
    Buffer buf = ctx.get(RawBodyHandler.BODY_KEY);
    if (buf == null || buf.length() == 0 || isBlank(buf)) {
      return null;
    }
    byte[] text = buf.getBytes();
    try {
      return new JsonBody(text, Json.parse(text));
    } catch (RuntimeException e) {
      throw new BadRequestException("request body is not valid JSON: " + e.getMessage(), true);
    }
  }

  /** The size of the request body in bytes, 0 when there is none. */
  static long size(RoutingContext ctx) {
    Buffer buf = ctx.get(RawBodyHandler.BODY_KEY);
    return buf == null ? 0 : buf.length();
  }

  private static boolean isBlank(Buffer buf) {
    for (int i = 0; i < buf.length(); i++) {
      byte b = buf.getByte(i);
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }
}
