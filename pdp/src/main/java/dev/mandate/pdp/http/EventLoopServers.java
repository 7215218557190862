package dev.mandate.pdp.http;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP server per event loop, all on the same port: Vert.x binds the socket once and hands
 * connections to the servers in turn, so requests are served (and, in the decision service,
 * evaluated) on every CPU without a hand-off to another thread pool.
 *
 * <p>Vert.x shares a port only between the instances of one deployment, and only for a port
 * given in advance; for port 0 a free port is picked first (and picked again if another process
 * takes it in between).
 */
public final class EventLoopServers implements AutoCloseable {
  private static final int BIND_ATTEMPTS = 5;

  /**
   * The longest a request's work may take and still run on one of these event loops (an
   * evaluation deadline, say); longer work belongs on a worker pool, so it cannot stall the
   * other connections of its event loop.
   */
  public static final Duration EVENT_LOOP_BUDGET = Duration.ofMillis(100);

  private final List<HttpServer> servers;

  private EventLoopServers(List<HttpServer> servers) {
    this.servers = List.copyOf(servers);
  }

  /** Listens {@code instances} servers with {@code handler}; fails if the port cannot be bound. */
  public static EventLoopServers listen(Vertx vertx, HttpServerOptions options,
      Handler<HttpServerRequest> handler, int instances, Duration timeout) throws Exception {
    boolean anyPort = options.getPort() == 0;
    for (int attempt = 1; ; attempt++) {
      // These servers answer HTTP requests only. With WebSocket compression on (Vert.x's
      // default), every connection's pipeline carries an extension handler that inspects each
      // request and response for an upgrade that never comes.
      HttpServerOptions o = new HttpServerOptions(options)
          .setPerFrameWebSocketCompressionSupported(false)
          .setPerMessageWebSocketCompressionSupported(false);
      if (anyPort) {
        o.setPort(freePort(options.getHost()));
      }
      List<HttpServer> started = new CopyOnWriteArrayList<>();
      try {
        vertx.deployVerticle(() -> new ServerVerticle(o, handler, started),
                new DeploymentOptions().setInstances(instances))
            .toCompletionStage().toCompletableFuture()
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return new EventLoopServers(started);
      } catch (java.util.concurrent.ExecutionException e) {
        if (!anyPort || attempt == BIND_ATTEMPTS || !(rootCause(e) instanceof BindException)) {
          throw e;
        }
      }
    }
  }

  private static int freePort(String host) throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return s.getLocalPort();
    }
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  public int port() {
    return servers.get(0).actualPort();
  }

  /** Stops accepting connections and lets requests in flight finish, up to {@code grace}. */
  public Future<Void> shutdown(Duration grace) {
    return Future.all(servers.stream().map(s -> s.shutdown(grace)).toList()).mapEmpty();
  }

  @Override
  public void close() throws Exception {
    Future.all(servers.stream().map(HttpServer::close).toList())
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** One instance: a server on the event loop Vert.x gave this verticle. */
  private static final class ServerVerticle extends VerticleBase {
    private final HttpServerOptions options;
    private final Handler<HttpServerRequest> handler;
    private final List<HttpServer> started;

    ServerVerticle(HttpServerOptions options, Handler<HttpServerRequest> handler,
        List<HttpServer> started) {
      this.options = options;
      this.handler = handler;
      this.started = started;
    }

    @Override
    public Future<?> start() {
      return vertx.createHttpServer(options).requestHandler(handler).listen()
          .onSuccess(started::add);
    }
  }
}
