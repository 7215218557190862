package dev.mandate.bench.load;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * An HTTP/1.1 load generator on Vert.x's client, deliberately light: each run's request state
 * lives on one event loop (so nothing is shared or locked), plus, in fixed-rate mode, one pacing
 * thread that sleeps between send times. Connections are kept alive; pipelining is off, so each
 * connection carries one request at a time.
 *
 * <p>A saturation run can be split over several event loops ({@code eventLoops}), each with its
 * own client and share of the connections, measured over the same window and merged: one loop
 * can send only so many requests per second, and a server that answers faster than that would
 * otherwise be measured at the generator's ceiling instead of its own.
 *
 * <p>Two modes, each a warm-up followed by a measured window (a saturation run's warm-up lasts
 * until the JIT has settled as well: {@link WarmupGate}):
 *
 * <ul>
 *   <li>{@link #saturate saturation} (closed loop): N connections, each sends its next request
 *       when the previous one is answered. Throughput is the successful responses completed in
 *       the window divided by its length; latency is send to last byte of the response.
 *   <li>{@link #fixedRate fixed rate} (open loop): request i is due at {@code start + i/rate},
 *       whatever happened to earlier requests; if no connection is free it waits in the
 *       client's queue. Latency is measured from the time the request was <em>due</em>, not
 *       from when it was actually written, so a stalled server (or generator) shows up in the
 *       percentiles instead of silently lowering the offered load (no coordinated omission).
 *       Requests due within the window are measured; the achieved rate is the successful
 *       responses completed within the window per second.
 * </ul>
 *
 * <p>Every response is checked with the target's {@link ResponseCheck}; a wrong status, a failed
 * check, an I/O error or a timeout (30 s without an answer) is an error, never a latency sample.
 */
public final class HttpLoad implements AutoCloseable {
  static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);
  static final int REQUEST_TIMEOUT_MILLIS = 30_000;
  private static final long RETRY_AFTER_ERROR_MILLIS = 1;
  private static final int MAX_ERROR_EXAMPLES = 5;
  /** The marker of a correct answer (compared by identity). */
  private static final String OK = new String("ok");

  private final Vertx vertx;
  /** How many threads sent the last multi-loop saturation run (for tests: one per loop). */
  volatile int lastSaturationThreads;
  /** The generator's event loops; run i of a saturation run is confined to loop i. */
  private final List<io.netty.channel.EventLoop> loops = new ArrayList<>();

  /** A generator on one event loop. */
  public HttpLoad() {
    this(1);
  }

  /** A generator whose saturation runs use {@code eventLoops} event loops. */
  public HttpLoad(int eventLoops) {
    if (eventLoops <= 0) {
      throw new IllegalArgumentException("eventLoops must be positive");
    }
    this.vertx = Vertx.vertx(new VertxOptions()
        .setEventLoopPoolSize(eventLoops)
        .setWorkerPoolSize(1)
        .setInternalBlockingPoolSize(1));
    for (io.netty.util.concurrent.EventExecutor e
        : ((io.vertx.core.internal.VertxInternal) vertx).nettyEventLoopGroup()) {
      loops.add((io.netty.channel.EventLoop) e);
    }
  }

  /**
   * Closed loop: {@code connections} requests in flight at all times, spread over all of the
   * generator's event loops (at most one loop per connection).
   */
  public LoadResult saturate(LoadTarget target, int connections, Duration warmup,
      Duration duration) {
    return saturate(target, connections, loops.size(), warmup, duration);
  }

  /** {@link #saturate(LoadTarget, int, Duration, Duration)} on {@code count} of the loops. */
  public LoadResult saturate(LoadTarget target, int connections, int count, Duration warmup,
      Duration duration) {
    if (connections <= 0) {
      throw new IllegalArgumentException("connections must be positive");
    }
    if (count <= 0 || count > loops.size()) {
      throw new IllegalArgumentException("count must be between 1 and " + loops.size());
    }
    int used = Math.min(count, connections);
    WarmupGate gate = new WarmupGate(System.nanoTime(), warmup);
    if (used == 1) {
      return run(target, connections, client -> new ClosedLoop(target, client, connections,
          duration, gate, null, true));
    }
    // Every loop measures the same window (the gate decides it once for all of them), and the
    // first one reads the CPU clocks for all of them: its snapshot covers every thread, and the
    // shared set names the generator's.
    java.util.Set<Long> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    List<Integer> shares = new ArrayList<>();
    for (int i = 0; i < used; i++) {
      shares.add(connections / used + (i < connections % used ? 1 : 0));
    }
    LoadResult merged = merge(runAll(target, shares, (client, i) -> new ClosedLoop(target,
        client, shares.get(i), duration, gate, threads, i == 0)), connections);
    lastSaturationThreads = threads.size();
    return merged;
  }

  /** One saturation result from the loops' results over the same window. */
  private static LoadResult merge(List<LoadResult> parts, int connections) {
    LoadResult first = parts.get(0);
    Histogram latency = new Histogram(1, HIGHEST_MICROS, 3);
    long ok = 0;
    long errors = 0;
    long warmupErrors = 0;
    double throughput = 0;
    List<String> examples = new ArrayList<>();
    for (LoadResult r : parts) {
      latency.add(r.latency());
      ok += r.ok();
      errors += r.errors();
      warmupErrors += r.warmupErrors();
      throughput += r.throughput();
      for (String e : r.errorExamples()) {
        if (examples.size() < MAX_ERROR_EXAMPLES && !examples.contains(e)) {
          examples.add(e);
        }
      }
    }
    return new LoadResult(first.target(), LoadResult.SATURATION, connections, 0, first.seconds(),
        first.warmupSeconds(), ok, errors, warmupErrors, throughput, latency,
        List.copyOf(examples), first.cpu(), parts.size());
  }

  /** Open loop: {@code rate} requests per second on at most {@code connections} connections. */
  public LoadResult fixedRate(LoadTarget target, double rate, int connections, Duration warmup,
      Duration duration) {
    if (rate <= 0) {
      throw new IllegalArgumentException("rate must be positive");
    }
    if (connections <= 0) {
      throw new IllegalArgumentException("connections must be positive");
    }
    return run(target, connections, client -> new FixedRate(target, client, connections, rate,
        warmup, duration));
  }

  private LoadResult run(LoadTarget target, int connections,
      java.util.function.Function<HttpClientAgent, Run> runFactory) {
    return runAll(target, List.of(connections), (client, i) -> runFactory.apply(client)).get(0);
  }

  /**
   * Starts one run per entry of {@code connections}, each with its own client, run i on the
   * generator's event loop i, and waits for all of them.
   */
  private List<LoadResult> runAll(LoadTarget target, List<Integer> connections,
      java.util.function.BiFunction<HttpClientAgent, Integer, Run> runFactory) {
    List<HttpClientAgent> clients = new ArrayList<>();
    List<Run> runs = new ArrayList<>();
    try {
      for (int i = 0; i < connections.size(); i++) {
        HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true)
                .setKeepAliveTimeout(300)
                .setPipelining(false)
                .setTcpNoDelay(true)
                .setDefaultHost(target.host())
                .setDefaultPort(target.port()),
            new PoolOptions().setHttp1MaxSize(connections.get(i)).setMaxWaitQueueSize(-1));
        clients.add(client);
        Run r = runFactory.apply(client, i);
        runs.add(r);
        // An explicit loop per run: contexts created without one take the next loop in turn,
        // and creating a client takes a turn too, which can put every run on the same loop.
        Context context = ((io.vertx.core.internal.VertxInternal) vertx).contextBuilder()
            .withThreadingModel(io.vertx.core.ThreadingModel.EVENT_LOOP)
            .withEventLoop(loops.get(i % loops.size()))
            .build();
        context.runOnContext(v -> r.start(context));
      }
      List<LoadResult> results = new ArrayList<>();
      for (Run r : runs) {
        results.add(r.result.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("load run failed: " + e.getCause(), e.getCause());
    } finally {
      for (HttpClientAgent client : clients) {
        try {
          client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          // closing an idle client cannot lose measurements; nothing to report
        }
      }
    }
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the generator's own shutdown does not affect results already returned
    }
  }

  /** State of one run. Every field is touched only on the generator's event loop. */
  private abstract static class Run {
    final LoadTarget target;
    final HttpClientAgent client;
    final RequestOptions request;
    final int connections;
    final long durationNanos;
    /** When the run started (a {@code nanoTime}): the warm-up is the time from here to the window. */
    long started;
    final Histogram latency = new Histogram(1, HIGHEST_MICROS, 3);
    final CompletableFuture<LoadResult> result = new CompletableFuture<>();
    final List<String> errorExamples = new ArrayList<>();
    long measureStart;
    long measureEnd;
    long ok;
    long errors;
    long warmupErrors;
    long completedInWindow;
    long inFlight;
    /** Requests sent so far: picks each request's body. */
    long sent;
    boolean finished;
    /** The generator's threads, shared by the loops of one saturation run. */
    final java.util.Set<Long> generatorThreads;
    /** Whether this run reads the CPU clocks (one run of a multi-loop saturation does). */
    final boolean readsCpu;
    CpuUsage.Snapshot cpuAtStart;
    CpuUsage cpu;

    Run(LoadTarget target, HttpClientAgent client, int connections, Duration duration,
        java.util.Set<Long> generatorThreads, boolean readsCpu) {
      this.generatorThreads = generatorThreads != null ? generatorThreads
          : java.util.concurrent.ConcurrentHashMap.newKeySet();
      this.readsCpu = readsCpu;
      this.target = target;
      this.client = client;
      this.connections = connections;
      this.durationNanos = duration.toNanos();
      this.request = new RequestOptions()
          .setMethod(HttpMethod.POST)
          .setHost(target.host())
          .setPort(target.port())
          .setURI(target.path())
          .setIdleTimeout(REQUEST_TIMEOUT_MILLIS);
      target.headers().forEach(request::putHeader);
    }

    abstract void start(Context context);

    /** Reads the CPU clocks when the window opens and closes (called once measureEnd is set). */
    final void watchCpu(Context context) {
      generatorThreads.add(Thread.currentThread().threadId());
      if (!readsCpu) {
        return;
      }
      long now = System.nanoTime();
      context.owner().setTimer(Math.max(1, (measureStart - now) / 1_000_000),
          t -> cpuAtStart = new CpuUsage.Snapshot());
      context.owner().setTimer(Math.max(1, (measureEnd - now) / 1_000_000), t -> closeCpu());
    }

    /** At the window's end, or at the run's end if the last answer beat the timer. */
    private void closeCpu() {
      if (cpu == null && cpuAtStart != null) {
        cpu = cpuAtStart.until(new CpuUsage.Snapshot(), generatorThreads);
      }
    }

    /** Sends one request; {@code sample} is the time its latency is measured from. */
    final void send(long sample) {
      inFlight++;
      Buffer body = target.body(sent++);
      client.request(request)
          .compose(req -> req.send(body))
          .compose(resp -> resp.body().map(b -> target.check().accepts(resp.statusCode(), b)
              ? OK : "status " + resp.statusCode() + ": " + abbreviate(b.toString())))
          .onComplete(ar -> {
            inFlight--;
            onAnswer(sample, System.nanoTime(), ar);
          });
    }

    abstract void onAnswer(long sample, long now, AsyncResult<String> ar);

    /** True for a checked, correct answer; otherwise the failure is kept as an example. */
    final boolean succeeded(AsyncResult<String> ar) {
      if (ar.succeeded() && ar.result() == OK) {
        return true;
      }
      String what = ar.succeeded() ? ar.result() : "I/O: " + ar.cause();
      if (errorExamples.size() < MAX_ERROR_EXAMPLES && !errorExamples.contains(what)) {
        errorExamples.add(what);
      }
      return false;
    }

    private static String abbreviate(String s) {
      return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    final void recordLatency(long sample, long now) {
      latency.recordValue(Math.max(1, Math.min(HIGHEST_MICROS, (now - sample) / 1_000)));
    }

    final void finish(String mode, double targetRate) {
      if (finished) {
        return;
      }
      finished = true;
      closeCpu();
      double seconds = durationNanos / 1e9;
      result.complete(new LoadResult(target.name(), mode, connections, targetRate, seconds,
          (measureStart - started) / 1e9, ok, errors, warmupErrors, completedInWindow / seconds,
          latency, List.copyOf(errorExamples), cpu, 1));
    }
  }

  private static final class ClosedLoop extends Run {
    private final WarmupGate gate;
    private Context context;

    /** {@code gate}: decides the window, shared by the loops of one run. */
    ClosedLoop(LoadTarget target, HttpClientAgent client, int connections, Duration duration,
        WarmupGate gate, java.util.Set<Long> generatorThreads, boolean readsCpu) {
      super(target, client, connections, duration, generatorThreads, readsCpu);
      this.gate = gate;
    }

    @Override
    void start(Context context) {
      this.context = context;
      started = System.nanoTime();
      // No window until the gate decides one: every answer until then is warm-up.
      measureStart = Long.MAX_VALUE;
      measureEnd = Long.MAX_VALUE;
      context.owner().setPeriodic(WarmupGate.POLL.toMillis(), id -> {
        long windowStart = gate.poll(System.nanoTime());
        if (windowStart >= 0) {
          context.owner().cancelTimer(id);
          measureStart = windowStart;
          measureEnd = windowStart + durationNanos;
          watchCpu(context);
        }
      });
      for (int i = 0; i < connections; i++) {
        send(System.nanoTime());
      }
    }

    @Override
    void onAnswer(long sample, long now, AsyncResult<String> ar) {
      boolean success = succeeded(ar);
      boolean inWindow = now >= measureStart && now < measureEnd;
      if (inWindow) {
        if (success) {
          ok++;
          completedInWindow++;
          recordLatency(sample, now);
        } else {
          errors++;
        }
      } else if (!success && now < measureStart) {
        warmupErrors++;
      }
      if (now >= measureEnd) {
        if (inFlight == 0) {
          finish(LoadResult.SATURATION, 0);
        }
      } else if (success) {
        send(System.nanoTime());
      } else {
        // Do not spin on a refusing server; the error is already counted.
        context.owner().setTimer(RETRY_AFTER_ERROR_MILLIS, t -> send(System.nanoTime()));
      }
    }
  }

  private static final class FixedRate extends Run {
    private final double rate;
    private final long warmupNanos;
    private final long total;
    private long base;
    private boolean allScheduled;

    FixedRate(LoadTarget target, HttpClientAgent client, int connections, double rate,
        Duration warmup, Duration duration) {
      super(target, client, connections, duration, null, true);
      this.rate = rate;
      this.warmupNanos = warmup.toNanos();
      this.total = (long) Math.ceil((warmupNanos + durationNanos) / 1e9 * rate);
    }

    private long due(long i) {
      return base + (long) (i * 1e9 / rate);
    }

    @Override
    void start(Context context) {
      base = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
      started = base;
      measureStart = base + warmupNanos;
      measureEnd = measureStart + durationNanos;
      Thread pacer = Thread.ofPlatform().name("load-pacer").daemon(true)
          .unstarted(() -> pace(context));
      generatorThreads.add(pacer.threadId());
      watchCpu(context);
      pacer.start();
    }

    /**
     * On its own thread: sleeps until the next request is due, then hands every request due by
     * now to the event loop in one task. Only reads {@code base} and {@code rate}, fixed before
     * the thread started.
     */
    private void pace(Context context) {
      long next = 0;
      while (next < total) {
        long now = System.nanoTime();
        long dueCount = now < base ? 0
            : Math.min(total, (long) Math.floor((now - base) * rate / 1e9) + 1);
        if (dueCount > next) {
          long from = next;
          long to = dueCount;
          context.runOnContext(v -> {
            for (long i = from; i < to; i++) {
              send(due(i));
            }
          });
          next = dueCount;
        } else {
          LockSupport.parkNanos(due(next) - now);
        }
      }
      context.runOnContext(v -> {
        allScheduled = true;
        if (inFlight == 0) {
          finish(LoadResult.FIXED_RATE, rate);
        }
      });
    }

    @Override
    void onAnswer(long sample, long now, AsyncResult<String> ar) {
      boolean success = succeeded(ar);
      if (success && now >= measureStart && now < measureEnd) {
        completedInWindow++;
      }
      if (sample >= measureStart && sample < measureEnd) {
        if (success) {
          ok++;
          recordLatency(sample, now);
        } else {
          errors++;
        }
      } else if (!success && sample < measureStart) {
        warmupErrors++;
      }
      if (allScheduled && inFlight == 0) {
        finish(LoadResult.FIXED_RATE, rate);
      }
    }
  }
}
