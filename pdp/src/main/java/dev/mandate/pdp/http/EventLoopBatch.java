package dev.mandate.pdp.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * The requests one event loop has read in one pass over its connections, worked on together at
 * the end of that pass: every request's work first, back to back, then every response.
 *
 * <p>Why: an event loop that evaluated each request as it was read would run the evaluator
 * between Netty's reads and writes, each a system call. On a host whose kernel entries empty
 * the TLB (page-table isolation without PCID) and with the CPU's caches and branch predictors
 * shared with the HTTP stack, an evaluation then costs nearly twice what the same evaluation
 * costs in a tight loop. Run back to back, all but the first of a pass's evaluations find the
 * evaluator's code and data where the previous one left them (see bench/README.md, eleventh
 * session, for the measurements).
 *
 * <p>How: a request's work is queued on its event loop's batch, and the first request queued
 * since the last run schedules one task on the event loop's context. Netty runs tasks after it
 * has read every connection that was ready, so the task finds the whole pass's requests. Work is
 * taken in chunks, whose responses are sent before the next chunk's work starts: a chunk ends
 * after {@link #CHUNK} requests or once its work has taken {@link #CHUNK_NANOS}, so however large
 * the pass, batching delays a response by the work of its chunk only: about a millisecond at
 * most, plus the one evaluation that crossed that mark (itself bounded by its deadline).
 * Requests queued while a run sends its responses (a pipelined request Vert.x hands over once
 * the one before it is answered) go to the next run.
 * Order is kept: responses are sent in the order their requests were read.
 *
 * <p>One instance per event-loop thread (a {@link Dispatcher} keeps them), touched only by that
 * thread: no locks. {@code R} is what a request is known by ({@code RoutingContext} in the
 * service) and {@code A} its answer ({@code ApiResponse}).
 */
final class EventLoopBatch<R, A> {
  private static final Logger LOG = System.getLogger(EventLoopBatch.class.getName());

  /** The most requests worked on before their responses are sent. */
  static final int CHUNK = 16;

  /** The longest a chunk's work goes on before its responses are sent. */
  static final long CHUNK_NANOS = 1_000_000;

  /** A request and what to do with it. */
  private record Pending<R, A>(R request, Function<R, A> work) {}

  private final Responder<R, A> responder;
  private final BiConsumer<R, A> sender;
  private final IntConsumer sizes;
  private List<Pending<R, A>> queued = new ArrayList<>();
  /** The list a run takes its requests from; swapped with {@link #queued} at each run. */
  private List<Pending<R, A>> running = new ArrayList<>();
  private final Object[] responses = new Object[CHUNK];
  private boolean scheduled;

  /**
   * {@code responder} turns work into a response and never throws; {@code sender} sends a
   * response (a failure to send one does not stop the others); each run's size goes to
   * {@code sizes}.
   */
  EventLoopBatch(Responder<R, A> responder, BiConsumer<R, A> sender, IntConsumer sizes) {
    this.responder = responder;
    this.sender = sender;
    this.sizes = sizes;
  }

  /** Turns work into a response, whatever happens; see {@link Dispatcher}. */
  @FunctionalInterface
  interface Responder<R, A> {
    A respond(R request, Function<R, A> work);
  }

  /** Queues {@code work} for {@code request}; this batch must belong to the calling thread. */
  void submit(R request, Function<R, A> work) {
    Context context = Vertx.currentContext();
    if (context == null || !Context.isOnEventLoopThread() || !context.isEventLoopContext()) {
      // Not on an event loop (an embedding that routes from elsewhere): nothing to batch with.
      send(request, responder.respond(request, work));
      return;
    }
    queued.add(new Pending<>(request, work));
    if (!scheduled) {
      scheduled = true;
      context.runOnContext(v -> run());
    }
  }

  private void run() {
    scheduled = false;
    List<Pending<R, A>> batch = queued;
    queued = running;
    running = batch;
    sizes.accept(batch.size());
    try {
      int from = 0;
      while (from < batch.size()) {
        int to = from;
        long start = System.nanoTime();
        do {
          Pending<R, A> p = batch.get(to);
          responses[to - from] = responder.respond(p.request(), p.work());
          to++;
        } while (to < batch.size() && to - from < CHUNK
            && System.nanoTime() - start < CHUNK_NANOS);
        for (int i = from; i < to; i++) {
          @SuppressWarnings("unchecked") // only respond() fills the array, with A
          A response = (A) responses[i - from];
          send(batch.get(i).request(), response);
        }
        from = to;
      }
    } finally {
      // Each chunk overwrites the responses of the one before; the last ones go here.
      batch.clear();
      Arrays.fill(responses, null);
    }
  }

  /** One response that cannot be written (its connection gone) must not cost the others theirs. */
  private void send(R request, A response) {
    try {
      sender.accept(request, response);
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "response not sent", e);
    }
  }
}
