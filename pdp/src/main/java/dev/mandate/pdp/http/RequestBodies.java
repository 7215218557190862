package dev.mandate.pdp.http;

import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.Value;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** Reads request bodies as JSON values. */
final class RequestBodies {
  private RequestBodies() {}

  /** The body as JSON, or null if the request has no body. */
  static Value optionalJson(RoutingContext ctx) {
    Buffer buf = ctx.get(RawBodyHandler.BODY_KEY);
    if (buf == null || buf.length() == 0 || isBlank(buf)) {
      return null;
    }
    try {
      return Json.parse(buf.getBytes());
    } catch (RuntimeException e) {
      throw new BadRequestException("request body is not valid JSON: " + e.getMessage(), true);
    }
  }

  /** The body as JSON; a missing body is a bad request. */
  static Value requiredJson(RoutingContext ctx) {
    Value v = optionalJson(ctx);
    if (v == null) {
      throw new BadRequestException("request body is empty; a JSON object is required");
    }
    return v;
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
