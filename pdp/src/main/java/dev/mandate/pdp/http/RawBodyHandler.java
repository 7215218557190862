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
  /** The context key of the request's {@link Body}. */
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
    Body body = new Body((int) Math.min(expected, PRESIZE_MAX));
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
      body.append(chunk);
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

  /**
   * A request body's bytes, in one array that the chunks are copied into as they arrive. Sized
   * from Content-Length, a typical body fills it exactly and is handed on as it is: one array
   * and one copy per request, where a Vert.x buffer and the array copied out of it were two.
   */
  static final class Body {
    private byte[] bytes;
    private int length;

    Body(int capacity) {
      bytes = new byte[capacity];
    }

    void append(Buffer chunk) {
      int n = chunk.length();
      if (length + n > bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, Math.max(length + n, bytes.length * 2));
      }
      chunk.getBytes(0, n, bytes, length);
      length += n;
    }

    int length() {
      return length;
    }

    /** The bytes received, in an array of exactly their length. */
    byte[] bytes() {
      if (bytes.length != length) {
        bytes = java.util.Arrays.copyOf(bytes, length);
      }
      return bytes;
    }
  }
}
