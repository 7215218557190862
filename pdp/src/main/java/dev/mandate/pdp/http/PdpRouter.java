package dev.mandate.pdp.http;

import dev.mandate.pdp.config.PdpConfig;
import dev.mandate.pdp.decisionlog.DecisionLogger;
import dev.mandate.pdp.eval.QueryService;
import dev.mandate.pdp.id.UuidV7Generator;
import dev.mandate.pdp.metrics.PdpMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Every route of the service, and JSON answers for everything that does not reach one: unknown
 * path 404, known path with another method 405, body over the limit 413, anything unexpected
 * 500, all in OPA's {@code {"code", "message"}} shape.
 */
public final class PdpRouter {
  private static final Logger LOG = System.getLogger(PdpRouter.class.getName());

  private PdpRouter() {}

  public static Router create(Vertx vertx, PdpConfig config, QueryService queries,
      DecisionLogger log, PdpMetrics metrics, BooleanSupplier ready) {
    DecisionRecorder recorder = new DecisionRecorder(new UuidV7Generator(), log, metrics);
    Dispatcher dispatch = new Dispatcher(vertx, metrics);
    ExchangeHandler exchange = new ExchangeHandler(queries, recorder,
        RulePath.fromRef(config.decisions().exchangePath()), config.decisions().deadline());
    DataApiHandler data = new DataApiHandler(queries, recorder,
        config.decisions().dataApiDeadline());
    AuthzenHandler authzen = new AuthzenHandler(queries, recorder,
        RulePath.fromRef(config.decisions().authzenPath()), config.decisions().deadline(),
        config.server().publicUrl());
    HealthHandler health = new HealthHandler(ready, queries::revision);

    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      ctx.addHeadersEndHandler(v ->
          metrics.httpResponses.inc(statusClass(ctx.response().getStatusCode())));
      ctx.next();
    });
    router.route().handler(new RawBodyHandler(config.server().bodyLimitBytes()));

    router.post("/v1/exchange/decisions").handler(
        dispatch.bounded(config.decisions().deadline(), exchange::handle));

    var dataHandler = dispatch.bounded(config.decisions().dataApiDeadline(), data::handle);
    for (HttpMethod m : new HttpMethod[] {HttpMethod.GET, HttpMethod.POST}) {
      router.route(m, DataApiHandler.PREFIX).handler(dataHandler);
      router.route(m, DataApiHandler.PREFIX + "/*").handler(dataHandler);
    }

    router.post(AuthzenHandler.EVALUATION).handler(
        dispatch.bounded(config.decisions().deadline(), authzen::evaluation));
    router.post(AuthzenHandler.EVALUATIONS).handler(dispatch.onWorker(authzen::evaluations));
    router.get(AuthzenHandler.METADATA).handler(ctx -> Dispatcher.send(ctx, authzen.metadata(ctx)));

    for (String p : new String[] {"/health", "/health/ready", "/ready"}) {
      router.get(p).handler(ctx -> Dispatcher.send(ctx, health.health(ctx)));
    }
    router.get("/health/live").handler(ctx -> Dispatcher.send(ctx, health.live(ctx)));
    router.get("/metrics").handler(ctx -> Dispatcher.send(ctx, new ApiResponse(200,
        "text/plain; version=0.0.4; charset=utf-8", metrics.render(), Map.of())));

    router.errorHandler(404, ctx -> sendError(ctx, 404, ErrorCodes.NOT_FOUND,
        "no such endpoint: " + ctx.request().method() + " " + ctx.request().path()));
    router.errorHandler(405, ctx -> sendError(ctx, 405, ErrorCodes.METHOD_NOT_ALLOWED,
        "method " + ctx.request().method() + " is not allowed on " + ctx.request().path()));
    router.errorHandler(413, ctx -> {
      metrics.bodyRejected.inc("too_large");
      sendError(ctx, 413, ErrorCodes.INVALID_PARAMETER, "request body exceeds the limit of "
          + config.server().bodyLimitBytes() + " bytes");
    });
    router.errorHandler(400, ctx -> sendError(ctx, 400, ErrorCodes.INVALID_PARAMETER,
        "bad request"));
    router.errorHandler(500, ctx -> {
      if (ctx.failure() != null) {
        LOG.log(Level.ERROR, "request failed", ctx.failure());
      }
      sendError(ctx, 500, ErrorCodes.INTERNAL_ERROR, "internal error");
    });
    return router;
  }

  private static final String[] STATUS_CLASSES = {"0xx", "1xx", "2xx", "3xx", "4xx", "5xx"};

  /** The label of a status code's class ("2xx"), without building a string per response. */
  static String statusClass(int status) {
    int c = status / 100;
    return c >= 0 && c < STATUS_CLASSES.length ? STATUS_CLASSES[c] : c + "xx";
  }

  private static void sendError(RoutingContext ctx, int status, String code, String message) {
    Dispatcher.send(ctx, ApiResponse.error(status, code, message));
  }
}
