package dev.mandate.bench.load;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import dev.mandate.pdp.http.EventLoopServers;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling: a Vert.x HTTP server that reads each request's body and answers a constant JSON
 * document, with nothing else on the path (no router, no worker hand-off, no evaluation, no
 * log). It is set up exactly as the decision service sets up its own server, so the two share
 * the same event-loop arrangement: {@link EventLoopServers}, one server per CPU on one port.
 */
public final class BareServer implements AutoCloseable {
  /** Shaped like a permit, so the same response check applies to both servers. */
  static final String BODY = "{\"allow\":true,\"decision_id\":\"bare\"}";

  private final Vertx vertx;
  private final EventLoopServers server;

  private BareServer(Vertx vertx, EventLoopServers server) {
    this.vertx = vertx;
    this.server = server;
  }

  public static BareServer start() throws Exception {
    Vertx vertx = Vertx.vertx();
    Buffer body = Buffer.buffer(BODY);
    EventLoopServers server = EventLoopServers.listen(vertx,
        new HttpServerOptions().setHost("127.0.0.1").setPort(0),
        req -> req.body().onComplete(ar -> {
          if (ar.failed()) {
            req.response().setStatusCode(400).end();
            return;
          }
          req.response().putHeader("Content-Type", "application/json").end(body);
        }),
        Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(30));
    return new BareServer(vertx, server);
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() throws Exception {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
