package dev.mandate.pdp.http;

import dev.mandate.pdp.metrics.PdpMetrics;
import dev.mandate.pdp.validation.InvalidInputException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.Function;

/**
 * Runs an API's work on Vert.x's worker pool, since policy evaluation is CPU-bound and may take up
 * to its deadline, and writes the result back on the event loop. Every failure becomes a JSON
 * error response: malformed input is a 400, anything unexpected a 500 without internals.
 */
final class Blocking {
  private static final Logger LOG = System.getLogger(Blocking.class.getName());

  private final Vertx vertx;
  private final PdpMetrics metrics;

  Blocking(Vertx vertx, PdpMetrics metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
  }

  Handler<RoutingContext> handler(Function<RoutingContext, ApiResponse> work) {
    return ctx -> vertx.executeBlocking(() -> respond(ctx, work), false)
        .onComplete(ar -> {
          ApiResponse r = ar.succeeded() ? ar.result()
              : internalError(ar.cause());
          send(ctx, r);
        });
  }

  private ApiResponse respond(RoutingContext ctx, Function<RoutingContext, ApiResponse> w) {
    try {
      return w.apply(ctx);
    } catch (BadRequestException e) {
      if (e.malformedBody()) {
        metrics.bodyRejected.inc("malformed");
      }
      return ApiResponse.error(400, ErrorCodes.INVALID_PARAMETER, e.getMessage());
    } catch (InvalidInputException e) {
      return ApiResponse.error(400, ErrorCodes.INVALID_PARAMETER, e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return internalError(e);
    }
  }

  private static ApiResponse internalError(Throwable t) {
    LOG.log(Level.ERROR, "request failed", t);
    return ApiResponse.error(500, ErrorCodes.INTERNAL_ERROR, "internal error");
  }

  static void send(RoutingContext ctx, ApiResponse r) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ctx.response().setStatusCode(r.status()).putHeader("Content-Type", r.contentType());
    r.headers().forEach((k, v) -> ctx.response().putHeader(k, v));
    ctx.response().end(r.body());
  }
}
