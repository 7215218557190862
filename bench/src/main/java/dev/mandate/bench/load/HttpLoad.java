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
 * An HTTP/1.1 load generator on Vert.x's client, deliberately light: one event loop (all request
 * state lives on it, so nothing is shared or locked) plus, in fixed-rate mode, one pacing thread
 * that sleeps between send times. Connections are kept alive; pipelining is off, so each
 * connection carries one request at a time.
 *
 * <p>Two modes, each a warm-up followed by a measured window:
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

  public HttpLoad() {
    this.vertx = Vertx.vertx(new VertxOptions()
        .setEventLoopPoolSize(1)
        .setWorkerPoolSize(1)
        .setInternalBlockingPoolSize(1));
  }

  /** Closed loop: {@code connections} requests in flight at all times. */
  public LoadResult saturate(LoadTarget target, int connections, Duration warmup,
      Duration duration) {
    return run(target, connections, client -> new ClosedLoop(target, client, connections,
        warmup, duration));
  }

  /** Open loop: {@code rate} requests per second on at most {@code connections} connections. */
  public LoadResult fixedRate(LoadTarget target, double rate, int connections, Duration warmup,
      Duration duration) {
    if (rate <= 0) {
      throw new IllegalArgumentException("rate must be positive");
    }
    return run(target, connections, client -> new FixedRate(target, client, connections, rate,
        warmup, duration));
  }

  private LoadResult run(LoadTarget target, int connections,
      java.util.function.Function<HttpClientAgent, Run> runFactory) {
    if (connections <= 0) {
      throw new IllegalArgumentException("connections must be positive");
    }
    HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions()
            .setProtocolVersion(HttpVersion.HTTP_1_1)
            .setKeepAlive(true)
            .setKeepAliveTimeout(300)
            .setPipelining(false)
            .setTcpNoDelay(true)
            .setDefaultHost(target.host())
            .setDefaultPort(target.port()),
        new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    try {
      Run r = runFactory.apply(client);
      Context context = vertx.getOrCreateContext();
      context.runOnContext(v -> r.start(context));
      return r.result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("load run failed: " + e.getCause(), e.getCause());
    } finally {
      try {
        client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // closing an idle client cannot lose measurements; nothing to report
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
    final long warmupNanos;
    final long durationNanos;
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
    final java.util.Set<Long> generatorThreads = new java.util.HashSet<>();
    CpuUsage.Snapshot cpuAtStart;
    CpuUsage cpu;

    Run(LoadTarget target, HttpClientAgent client, int connections, Duration warmup,
        Duration duration) {
      this.target = target;
      this.client = client;
      this.connections = connections;
      this.warmupNanos = warmup.toNanos();
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
      result.complete(new LoadResult(target.name(), mode, connections, targetRate, seconds, ok,
          errors, warmupErrors, completedInWindow / seconds, latency, List.copyOf(errorExamples), cpu));
    }
  }

  private static final class ClosedLoop extends Run {
    private Context context;

    ClosedLoop(LoadTarget target, HttpClientAgent client, int connections, Duration warmup,
        Duration duration) {
      super(target, client, connections, warmup, duration);
    }

    @Override
    void start(Context context) {
      this.context = context;
      long now = System.nanoTime();
      measureStart = now + warmupNanos;
      measureEnd = measureStart + durationNanos;
      watchCpu(context);
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
    private final long total;
    private long base;
    private boolean allScheduled;

    FixedRate(LoadTarget target, HttpClientAgent client, int connections, double rate,
        Duration warmup, Duration duration) {
      super(target, client, connections, warmup, duration);
      this.rate = rate;
      this.total = (long) Math.ceil((warmupNanos + durationNanos) / 1e9 * rate);
    }

    private long due(long i) {
      return base + (long) (i * 1e9 / rate);
    }

    @Override
    void start(Context context) {
      base = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
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
