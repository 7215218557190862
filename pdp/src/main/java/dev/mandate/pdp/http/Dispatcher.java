package dev.mandate.pdp.http;

import dev.mandate.pdp.metrics.PdpMetrics;
import dev.mandate.pdp.validation.InvalidInputException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.Function;

/**
 * Runs an API's work and sends its response; every failure becomes a JSON error response:
 * malformed input is a 400, anything unexpected a 500 without internals.
 *
 * <p>Where the work runs: one evaluation is CPU-bound and bounded by its deadline (50 ms by
 * default), so when that deadline is short it runs on the event loop that received the request,
 * one event loop per CPU: handing it to another thread would cost more than most evaluations.
 * It runs there at the end of the loop's pass over its connections, together with the other
 * requests that pass read ({@link EventLoopBatch}).
 * Work that may take longer (a deadline over {@link #EVENT_LOOP_BUDGET}, a batch whose length
 * the caller controls) goes to the worker pool, so it cannot hold up the other connections of
 * its event loop.
 */
final class Dispatcher {
  private static final Logger LOG = System.getLogger(Dispatcher.class.getName());

  private final Vertx vertx;
  private final PdpMetrics metrics;
  /** Each event loop's batch of requests (see {@link #onEventLoop}). */
  private final ThreadLocal<EventLoopBatch<RoutingContext, ApiResponse>> batches;

  Dispatcher(Vertx vertx, PdpMetrics metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.batches = ThreadLocal.withInitial(
        () -> new EventLoopBatch<>(this::respond, Dispatcher::send,
            metrics.eventLoopBatchSize::observe));
  }

  /** The longest evaluation deadline that may run on an event loop. */
  static final Duration EVENT_LOOP_BUDGET = EventLoopServers.EVENT_LOOP_BUDGET;

  /** Work bounded by {@code deadline}: on the event loop when that is short enough. */
  Handler<RoutingContext> bounded(Duration deadline, Function<RoutingContext, ApiResponse> work) {
    return deadline.compareTo(EVENT_LOOP_BUDGET) <= 0 ? onEventLoop(work) : onWorker(work);
  }

  /** Work on the event loop that read the request, batched with that loop's other requests. */
  Handler<RoutingContext> onEventLoop(Function<RoutingContext, ApiResponse> work) {
    return ctx -> batches.get().submit(ctx, work);
  }

  Handler<RoutingContext> onWorker(Function<RoutingContext, ApiResponse> work) {
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
    ctx.response().end(Buffer.buffer(r.body()));
  }
}
