package dev.mandate.bench.load;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling: a Vert.x HTTP server that reads each request's body and answers a constant JSON
 * document, with nothing else on the path (no router, no worker hand-off, no evaluation, no
 * log). It is set up exactly as the decision service sets up its own server, so the two share
 * the same event-loop arrangement: a default {@code Vertx} instance and one server listened on
 * from outside any verticle, which Vert.x serves on a single event loop.
 */
public final class BareServer implements AutoCloseable {
  /** Shaped like a permit, so the same response check applies to both servers. */
  static final String BODY = "{\"allow\":true,\"decision_id\":\"bare\"}";

  private final Vertx vertx;
  private final HttpServer server;

  private BareServer(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  public static BareServer start() throws Exception {
    Vertx vertx = Vertx.vertx();
    Buffer body = Buffer.buffer(BODY);
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1")
            .setPort(0))
        .requestHandler(req -> req.body().onComplete(ar -> {
          if (ar.failed()) {
            req.response().setStatusCode(400).end();
            return;
          }
          req.response().putHeader("Content-Type", "application/json").end(body);
        }))
        .listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return new BareServer(vertx, server);
  }

  public int port() {
    return server.actualPort();
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
