package dev.mandate.pdp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLoopServersTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void anyPortIsSharedByEveryInstanceAndConnectionsSpreadOverTheirEventLoops() throws Exception {
    try (EventLoopServers servers = EventLoopServers.listen(vertx,
        new HttpServerOptions().setHost("127.0.0.1").setPort(0),
        req -> req.response().end(Thread.currentThread().getName()), 2, Duration.ofSeconds(10))) {
      assertNotEquals(0, servers.port());
      Set<String> threads = new HashSet<>();
      for (int i = 0; i < 4; i++) {
        // A fresh client each time: a new connection, which Vert.x gives to the next server.
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
        threads.add(client.request(HttpMethod.GET, servers.port(), "127.0.0.1", "/")
            .compose(r -> r.send()).compose(r -> r.body())
            .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).toString());
        client.close();
      }
      assertEquals(2, threads.size(), "connections served on " + threads);
    }
  }

  @Test
  void aTakenPortIsAnError() throws Exception {
    try (EventLoopServers first = EventLoopServers.listen(vertx,
        new HttpServerOptions().setHost("127.0.0.1").setPort(0), req -> req.response().end(), 1,
        Duration.ofSeconds(10))) {
      Vertx other = Vertx.vertx();
      try {
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> EventLoopServers.listen(
            other, new HttpServerOptions().setHost("127.0.0.1").setPort(first.port()),
            req -> req.response().end(), 2, Duration.ofSeconds(10)));
      } finally {
        other.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    }
  }
}
