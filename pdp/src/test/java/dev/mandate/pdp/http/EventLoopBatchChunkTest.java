package dev.mandate.pdp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How {@link EventLoopBatch} orders work and responses within one run, on a real Vert.x event
 * loop: requests are numbered, the work and the sending of each are written to a trace, and the
 * trace is checked. Over HTTP ({@link EventLoopBatchTest}) a pass larger than a chunk depends on
 * timing; here one task submits as many requests as a test needs.
 */
class EventLoopBatchChunkTest {
  private Vertx vertx;
  private Context eventLoop;
  /** What happened, in order: "w3" the work of request 3, "s3" its response sent. */
  private final List<String> trace = new ArrayList<>();
  private final List<Integer> runSizes = new ArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    eventLoop = vertx.getOrCreateContext();
    assertTrue(eventLoop.isEventLoopContext());
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** A batch whose responder does the work and whose sender records the response. */
  private EventLoopBatch<Integer, String> batch() {
    return new EventLoopBatch<>(
        (request, work) -> work.apply(request),
        (request, response) -> trace.add(response),
        runSizes::add);
  }

  private Function<Integer, String> recorded(long busyNanos) {
    return request -> {
      long start = System.nanoTime();
      while (System.nanoTime() - start < busyNanos) {
        Thread.onSpinWait();
      }
      trace.add("w" + request);
      return "s" + request;
    };
  }

  /** Runs {@code task} on the event loop and waits until the runs it scheduled are over. */
  private void onEventLoop(Runnable task) throws Exception {
    CompletableFuture<Void> submitted = new CompletableFuture<>();
    eventLoop.runOnContext(v -> {
      task.run();
      submitted.complete(null);
    });
    submitted.get(10, TimeUnit.SECONDS);
    // Tasks run in order: this one runs after every run the task above scheduled, and after
    // any run those scheduled in turn.
    for (int i = 0; i < 3; i++) {
      CompletableFuture<Void> drained = new CompletableFuture<>();
      eventLoop.runOnContext(v -> drained.complete(null));
      drained.get(10, TimeUnit.SECONDS);
    }
  }

  /** The trace expected when requests {@code from} to {@code to} (exclusive) form chunks. */
  private static List<String> chunks(int from, int to, int chunk) {
    List<String> expected = new ArrayList<>();
    for (int start = from; start < to; start += chunk) {
      int end = Math.min(to, start + chunk);
      IntStream.range(start, end).forEach(i -> expected.add("w" + i));
      IntStream.range(start, end).forEach(i -> expected.add("s" + i));
    }
    return expected;
  }

  @Test
  void aRunLargerThanAChunkSendsEachChunksResponsesBeforeTheNextChunksWork() throws Exception {
    EventLoopBatch<Integer, String> batch = batch();
    int n = 2 * EventLoopBatch.CHUNK + 5;
    onEventLoop(() -> IntStream.range(0, n).forEach(i -> batch.submit(i, recorded(0))));
    assertEquals(chunks(0, n, EventLoopBatch.CHUNK), trace);
    assertEquals(List.of(n), runSizes);
  }

  @Test
  void aChunkEndsOnceItsWorkHasTakenTheTimeLimit() throws Exception {
    EventLoopBatch<Integer, String> batch = batch();
    // Each work takes over 40 % of the limit, so no chunk can hold more than three.
    long busy = EventLoopBatch.CHUNK_NANOS * 2 / 5 + 1;
    onEventLoop(() -> IntStream.range(0, 10).forEach(i -> batch.submit(i, recorded(busy))));
    List<String> works = new ArrayList<>();
    int sent = 0;
    for (String event : trace) {
      if (event.startsWith("w")) {
        works.add(event);
        assertTrue(works.size() - sent <= 3, () -> "a chunk of more than three: " + trace);
      } else {
        assertEquals("s" + sent, event, () -> "responses out of order: " + trace);
        sent++;
      }
    }
    assertEquals(10, sent);
    assertEquals(IntStream.range(0, 10).mapToObj(i -> "w" + i).toList(), works);
  }

  @Test
  void aRequestSubmittedWhileARunSendsGoesToTheNextRun() throws Exception {
    List<String> sentOrder = new ArrayList<>();
    AtomicReference<EventLoopBatch<Integer, String>> batch = new AtomicReference<>();
    batch.set(new EventLoopBatch<>(
        (request, work) -> work.apply(request),
        (request, response) -> {
          sentOrder.add(response);
          if (request == 0) {
            // As Vert.x hands over a pipelined request once the one before it is answered.
            batch.get().submit(100, r -> "s" + r);
          }
        },
        runSizes::add));
    onEventLoop(() -> IntStream.range(0, 3).forEach(i -> batch.get().submit(i, r -> "s" + r)));
    assertEquals(List.of("s0", "s1", "s2", "s100"), sentOrder);
    assertEquals(List.of(3, 1), runSizes);
  }

  @Test
  void aResponseThatCannotBeSentDoesNotStopTheOthers() throws Exception {
    EventLoopBatch<Integer, String> batch = new EventLoopBatch<>(
        (request, work) -> work.apply(request),
        (request, response) -> {
          if (request == 1) {
            throw new IllegalStateException("connection closed");
          }
          trace.add(response);
        },
        runSizes::add);
    onEventLoop(() -> IntStream.range(0, 4).forEach(i -> batch.submit(i, r -> "s" + r)));
    assertEquals(List.of("s0", "s2", "s3"), trace);
  }

  @Test
  void workSubmittedOffTheEventLoopIsDoneAtOnce() {
    EventLoopBatch<Integer, String> batch = batch();
    batch.submit(7, recorded(0));
    assertEquals(List.of("w7", "s7"), trace);
    assertEquals(List.of(), runSizes);
  }
}
