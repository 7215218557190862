package dev.mandate.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.value.ObjectValue;
import dev.mandate.sts.StsHarness.Response;
import dev.mandate.sts.pdp.InProcessPdpClient;
import dev.mandate.sts.pdp.PdpClient;
import dev.mandate.sts.pdp.PdpDecision;
import dev.mandate.sts.pdp.RemotePdpClient;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where exchanges run: on the event loop that received them when nothing in them can block
 * (in-process PDP with a short deadline, a secret already verified), on the worker pool
 * otherwise; and the STS serves on several event loops at once.
 */
class ExchangePlacementTest {
  @TempDir
  Path dir;

  /** Records the thread each decision is asked on, and otherwise is {@code inner}. */
  static final class ThreadRecordingPdp implements PdpClient {
    final PdpClient inner;
    final List<String> threads = new CopyOnWriteArrayList<>();

    ThreadRecordingPdp(PdpClient inner) {
      this.inner = inner;
    }

    @Override
    public PdpDecision decide(ObjectValue input) {
      threads.add(Thread.currentThread().getName());
      return inner.decide(input);
    }

    @Override
    public boolean blocks() {
      return inner.blocks();
    }

    @Override
    public String describe() {
      return inner.describe();
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  private static boolean onEventLoop(String thread) {
    return thread.startsWith("vert.x-eventloop-thread");
  }

  private static boolean onWorker(String thread) {
    return thread.startsWith("vert.x-worker-thread");
  }

  @Test
  void inProcessClientBlocksOnlyWithALongDeadline() throws Exception {
    Path policy = StsHarness.testPolicy(dir);
    try (InProcessPdpClient quick = new InProcessPdpClient(policy, null,
            InProcessPdpClient.DEFAULT_DEADLINE, null);
        InProcessPdpClient slow = new InProcessPdpClient(policy, null,
            Duration.ofSeconds(5), null);
        RemotePdpClient remote = new RemotePdpClient(URI.create("http://127.0.0.1:1"),
            Duration.ofSeconds(1), 0)) {
      assertFalse(quick.blocks());
      assertTrue(slow.blocks());
      assertTrue(remote.blocks());
    }
  }

  @Test
  void exchangesRunOnSeveralEventLoopsOnceTheSecretIsKnown() throws Exception {
    ThreadRecordingPdp pdp = new ThreadRecordingPdp(new InProcessPdpClient(
        StsHarness.testPolicy(dir), null, InProcessPdpClient.DEFAULT_DEADLINE, null));
    try (StsHarness h = new StsHarness(dir, pdp, c -> c[0] = c[0].withEventLoops(3))) {
      // The first use of chat-web's secret costs a PBKDF2 derivation: a worker thread's job.
      Response first = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "file-service"));
      assertEquals(200, first.status(), first.body());
      assertTrue(onWorker(pdp.threads.get(0)), pdp.threads.toString());

      // Now the secret is known (one HMAC): exchanges run where they arrive. Many connections
      // at once, so the port's three servers each get some.
      int requests = 48;
      String body = StsHarness.exchange(h.alice()).add("audience", "file-service").encode();
      ExecutorService pool = Executors.newFixedThreadPool(12);
      List<HttpClient> clients = new ArrayList<>();
      List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
      try {
        for (int i = 0; i < requests; i++) {
          // A client per request: a connection per request, spread over the servers.
          HttpClient c = HttpClient.newBuilder().executor(pool).build();
          clients.add(c);
          responses.add(c.sendAsync(HttpRequest.newBuilder(URI.create(h.base() + "/oauth2/token"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("Authorization", StsHarness.basic("chat-web", StsHarness.CHAT_SECRET))
                  .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
              HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : responses) {
          HttpResponse<String> r = f.get();
          assertEquals(200, r.statusCode(), r.body());
          assertTrue(r.body().contains("\"access_token\":\"ey"), r.body());
        }
      } finally {
        clients.forEach(HttpClient::close);
        pool.shutdownNow();
      }
      List<String> later = pdp.threads.subList(1, pdp.threads.size());
      assertEquals(requests, later.size());
      assertTrue(later.stream().allMatch(ExchangePlacementTest::onEventLoop), later.toString());
      Set<String> loops = new HashSet<>(later);
      assertTrue(loops.size() >= 2, "served on " + loops);
      assertEquals(1 + requests, h.audit.stream().filter(l -> l.contains("\"issued\"")).count());
    }
  }

  @Test
  void aWrongSecretIsCheckedOnAWorkerAndRefused() throws Exception {
    ThreadRecordingPdp pdp = new ThreadRecordingPdp(new InProcessPdpClient(
        StsHarness.testPolicy(dir), null, InProcessPdpClient.DEFAULT_DEADLINE, null));
    try (StsHarness h = new StsHarness(dir, pdp, c -> {})) {
      Response ok = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "file-service"));
      assertEquals(200, ok.status(), ok.body());
      Response wrong = h.post(StsHarness.exchange(h.alice()).add("audience", "file-service"),
          StsHarness.basic("chat-web", "not-the-secret"));
      assertEquals(401, wrong.status(), wrong.body());
      assertEquals("invalid_client", wrong.error());
      assertEquals(1, pdp.threads.size(), "a refused client never reaches the PDP");
    }
  }

  @Test
  void remotePdpRunsOnWorkersAndAnUnreachableOneNeverMints() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ThreadRecordingPdp pdp = new ThreadRecordingPdp(new RemotePdpClient(
        URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(1), 2));
    try (StsHarness h = new StsHarness(dir, pdp, c -> c[0] = c[0].withEventLoops(2))) {
      for (int i = 0; i < 3; i++) {
        // The secret is known after the first request; still the remote call goes to a worker.
        Response r = h.asChatWeb(StsHarness.exchange(h.alice()).add("audience", "file-service"));
        assertEquals(503, r.status(), r.body());
        assertEquals("temporarily_unavailable", r.error());
        assertNull(r.json().get("access_token"));
      }
      assertEquals(3, pdp.threads.size());
      assertTrue(pdp.threads.stream().allMatch(ExchangePlacementTest::onWorker),
          pdp.threads.toString());
      assertTrue(h.audit.stream().noneMatch(l -> l.contains("\"issued\"")));
    }
  }
}
