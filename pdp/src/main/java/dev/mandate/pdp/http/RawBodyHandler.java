package dev.mandate.pdp.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Collects the request body as raw bytes, up to a limit, whatever its Content-Type.
 *
 * <p>Vert.x Web's {@code BodyHandler} decodes bodies sent as
 * {@code application/x-www-form-urlencoded}, which is what {@code curl -d} sends by default, and
 * fails on JSON text. OPA reads the body as JSON regardless of the Content-Type, and so does this
 * service. A body over the limit fails the request with 413: at once if Content-Length says so,
 * otherwise as soon as the received bytes pass it.
 */
final class RawBodyHandler implements Handler<RoutingContext> {
  static final String BODY_KEY = "mandate.rawBody";

  /** The most reserved up front for a body, whatever its declared length. */
  static final int PRESIZE_MAX = 64 * 1024;

  private final long limit;

  RawBodyHandler(long limit) {
    this.limit = limit;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    if (req.isEnded()) {
      ctx.next();
      return;
    }
    String declared = req.getHeader("Content-Length");
    long expected = 0;
    if (declared != null) {
      try {
        expected = Long.parseLong(declared.trim());
        if (expected > limit) {
          ctx.fail(413);
          return;
        }
      } catch (NumberFormatException e) {
        ctx.fail(400);
        return;
      }
    }
    // Sized from the declared length so a typical body is copied once, but never beyond
    // PRESIZE_MAX: a client that declares a large body and sends nothing must not make the
    // server reserve it.
    Buffer body = expected > 0 ? Buffer.buffer((int) Math.min(expected, PRESIZE_MAX))
        : Buffer.buffer();
    boolean[] failed = {false};
    req.handler(chunk -> {
      if (failed[0]) {
        return;
      }
      if (body.length() + (long) chunk.length() > limit) {
        failed[0] = true;
        ctx.fail(413);
        return;
      }
      body.appendBuffer(chunk);
    });
    req.exceptionHandler(e -> {
      if (!failed[0]) {
        failed[0] = true;
        ctx.fail(400, e);
      }
    });
    req.endHandler(v -> {
      if (!failed[0]) {
        ctx.put(BODY_KEY, body);
        ctx.next();
      }
    });
    req.resume();
  }
}
