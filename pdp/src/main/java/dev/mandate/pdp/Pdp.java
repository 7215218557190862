package dev.mandate.pdp;

import dev.mandate.pdp.cache.DecisionCache;
import dev.mandate.pdp.config.PdpConfig;
import dev.mandate.pdp.decisionlog.DecisionLogSink;
import dev.mandate.pdp.decisionlog.DecisionLogger;
import dev.mandate.pdp.decisionlog.EventEncoder;
import dev.mandate.pdp.decisionlog.HttpBatchSink;
import dev.mandate.pdp.decisionlog.Masker;
import dev.mandate.pdp.decisionlog.RotatingFileSink;
import dev.mandate.pdp.eval.QueryService;
import dev.mandate.pdp.http.EventLoopServers;
import dev.mandate.pdp.http.PdpRouter;
import dev.mandate.pdp.metrics.PdpMetrics;
import dev.mandate.pdp.policy.PolicyDirectory;
import dev.mandate.pdp.policy.PolicySnapshot;
import dev.mandate.pdp.policy.PolicyStore;
import dev.mandate.pdp.policy.PolicyWatcher;
import dev.mandate.pdp.policy.ReloadOutcome;
import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.Value;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The decision service, assembled: policy store and watcher, evaluation with its caches, the
 * decision log, metrics and the HTTP server. {@link #start} returns once the server listens;
 * {@link #close} shuts down in the order that loses nothing: refuse new requests, let the ones in
 * flight finish, stop watching policies, then drain and flush the decision log.
 */
public final class Pdp implements AutoCloseable {
  private static final Logger LOG = System.getLogger(Pdp.class.getName());
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
  private static final int WARM_UP_EVALUATIONS = 500;
  private static final Duration WARM_UP_BUDGET = Duration.ofSeconds(5);

  private final PdpConfig config;
  private final PdpMetrics metrics;
  private final PolicyStore store;
  private final PolicyWatcher watcher;
  private final DecisionLogger decisionLog;
  private final Vertx vertx;
  private volatile EventLoopServers server;
  private volatile boolean ready;
  private volatile boolean closed;

  private Pdp(PdpConfig config) {
    this.config = config;
    DecisionLogger[] logRef = new DecisionLogger[1];
    PolicyStore[] storeRef = new PolicyStore[1];
    this.metrics = new PdpMetrics(
        () -> storeRef[0] == null || storeRef[0].current() == null
            ? "" : storeRef[0].current().revision(),
        () -> logRef[0] == null ? 0 : logRef[0].queueDepth(),
        () -> logRef[0] == null ? 0 : logRef[0].queuedBytes());
    this.store = new PolicyStore(new PolicyDirectory(config.policies().dir()),
        config.cache().preparedQueries(), this::onReload);
    storeRef[0] = store;
    this.decisionLog = createDecisionLog(config.decisionLog(), metrics);
    logRef[0] = decisionLog;
    this.watcher = config.policies().watch()
        ? new PolicyWatcher(store, config.policies().scanInterval()) : null;
    // At least one event loop per serving instance, so no two instances share one.
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.max(
        VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE, config.server().effectiveEventLoops())));
  }

  /** Loads policies, starts everything and listens; throws if the policies do not compile. */
  public static Pdp start(PdpConfig config) {
    Pdp pdp = new Pdp(config);
    try {
      pdp.startAll();
    } catch (RuntimeException e) {
      pdp.close();
      throw e;
    }
    return pdp;
  }

  private void startAll() {
    PolicySnapshot initial = store.loadInitial();
    decisionLog.start();
    if (watcher != null) {
      watcher.start();
    }
    DecisionCache cache = config.cache().decisionsEnabled()
        ? new DecisionCache(config.cache().decisionTtl(), config.cache().decisionMaxEntries())
        : null;
    QueryService queries = new QueryService(store, cache, metrics);
    var router = PdpRouter.create(vertx, config, queries, decisionLog, metrics, () -> ready);
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.server().host())
        .setPort(config.server().port());
    try {
      server = EventLoopServers.listen(vertx, options, router,
          config.server().effectiveEventLoops(), Duration.ofSeconds(30));
    } catch (Exception e) {
      throw new IllegalStateException("cannot listen on " + config.server().host() + ":"
          + config.server().port() + ": " + rootMessage(e), e);
    }
    warmUp(initial);
    ready = true;
    LOG.log(Level.INFO, "serving policy revision {0} on port {1}", initial.revision(),
        String.valueOf(port()));
  }

  /**
   * Evaluates the decision query a few hundred times before declaring readiness, so the JIT has
   * compiled the evaluator and the first real request does not run into its 50 ms deadline
   * (which would fail closed, but needlessly). The results are discarded.
   */
  private void warmUp(PolicySnapshot snapshot) {
    long until = System.nanoTime() + WARM_UP_BUDGET.toNanos();
    Value input = Json.parse("{\"request\": {}, \"subject_token\": {\"claims\": {}}, \"client\": {},"
        + " \"context\": {}}");
    for (int i = 0; i < WARM_UP_EVALUATIONS && System.nanoTime() < until; i++) {
      try {
        snapshot.prepare(config.decisions().exchangePath())
            .eval(EvalOptions.withInput(input).timeout(Duration.ofSeconds(1)));
      } catch (RuntimeException e) {
        return; // a policy that cannot answer now will say so on the first real request
      }
    }
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }

  private static DecisionLogger createDecisionLog(PdpConfig.DecisionLog c, PdpMetrics metrics) {
    if (!c.enabled()) {
      return DecisionLogger.disabled();
    }
    List<DecisionLogSink> sinks = new ArrayList<>();
    if (c.file() != null) {
      sinks.add(new RotatingFileSink(c.file(), c.maxFileBytes(), c.maxFiles()));
    }
    if (c.http() != null) {
      sinks.add(new HttpBatchSink(c.http(),
          n -> metrics.decisionLogDropped.add(n, DecisionLogger.SINK_ERROR)));
    }
    Map<String, String> labels = new LinkedHashMap<>(c.labels());
    labels.putIfAbsent("version", version());
    EventEncoder encoder = new EventEncoder(new Masker(c.maskPaths()), labels);
    return new DecisionLogger(c.queueSize(), c.queueMaxBytes(), encoder, sinks,
        metrics.decisionLogWritten::inc,
        (reason, n) -> metrics.decisionLogDropped.add(n, reason));
  }

  private void onReload(ReloadOutcome outcome) {
    switch (outcome) {
      case ReloadOutcome.Activated a -> metrics.reloads.inc("ok");
      case ReloadOutcome.Rejected r -> metrics.reloads.inc("failed");
      case ReloadOutcome.Unchanged u -> { }
    }
  }

  /** The version of this build, from the jar manifest; {@code dev} when run from classes. */
  public static String version() {
    String v = Pdp.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  public int port() {
    return server.port();
  }

  public PolicyStore policies() {
    return store;
  }

  public PdpMetrics metrics() {
    return metrics;
  }

  public boolean isReady() {
    return ready;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    ready = false;
    if (server != null) {
      try {
        server.shutdown(SHUTDOWN_GRACE).toCompletionStage().toCompletableFuture()
            .get(SHUTDOWN_GRACE.toSeconds() + 5, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.log(Level.WARNING, "HTTP server did not shut down cleanly: {0}", rootMessage(e));
      }
    }
    if (watcher != null) {
      watcher.close();
    }
    decisionLog.close();
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Vert.x did not close cleanly: {0}", rootMessage(e));
    }
  }
}
