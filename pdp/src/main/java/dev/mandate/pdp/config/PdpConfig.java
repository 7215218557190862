package dev.mandate.pdp.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything the decision service is configured with. {@link #defaults()} documents the default
 * of every setting; {@link ConfigLoader} overlays a YAML file on top, flags overlay that.
 */
public record PdpConfig(
    Server server,
    Policies policies,
    Decisions decisions,
    DecisionLog decisionLog,
    Caches cache) {

  /**
   * Where and how the HTTP listener runs. {@code eventLoops} is how many event loops serve
   * requests (each runs its requests' evaluations itself); 0 means one per CPU.
   */
  public record Server(String host, int port, long bodyLimitBytes, String publicUrl, int eventLoops) {
    public Server {
      if (port < 0 || port > 65535) {
        throw new ConfigException("server.port must be 0..65535, got " + port);
      }
      if (bodyLimitBytes <= 0) {
        throw new ConfigException("server.body_limit must be positive");
      }
      if (eventLoops < 0 || eventLoops > 1024) {
        throw new ConfigException("server.event_loops must be 0..1024 (0: one per CPU), got " + eventLoops);
      }
    }

    public Server(String host, int port, long bodyLimitBytes, String publicUrl) {
      this(host, port, bodyLimitBytes, publicUrl, 0);
    }

    /** The number of event loops to serve on: {@code eventLoops}, or one per CPU. */
    public int effectiveEventLoops() {
      return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
    }
  }

  /** The policy directory and how it is watched for changes. */
  public record Policies(Path dir, boolean watch, Duration scanInterval) {
    public Policies {
      if (scanInterval.isNegative() || scanInterval.isZero()) {
        throw new ConfigException("policies.scan_interval must be positive");
      }
    }
  }

  /**
   * Which rules answer which API, and how long an evaluation may take. The data API gets its own
   * deadline because it is also used to read large documents, which the hot paths never do.
   */
  public record Decisions(String exchangePath, String authzenPath, Duration deadline,
      Duration dataApiDeadline) {
    private static final java.util.regex.Pattern RULE_REF =
        java.util.regex.Pattern.compile("data(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    public Decisions {
      for (String ref : new String[] {exchangePath, authzenPath}) {
        if (!RULE_REF.matcher(ref).matches()) {
          throw new ConfigException("decision paths must be dotted references such as "
              + "data.mandate.exchange.decision, got \"" + ref + "\"");
        }
      }
      if (deadline.isNegative() || deadline.isZero() || dataApiDeadline.isNegative()
          || dataApiDeadline.isZero()) {
        throw new ConfigException("decisions deadlines must be positive");
      }
    }
  }

  /**
   * The decision log: a rotating file and/or an OPA-compatible HTTP receiver. The queue holds at
   * most {@code queueSize} events and about {@code queueMaxBytes} of memory.
   */
  public record DecisionLog(boolean enabled, Path file, long maxFileBytes, int maxFiles,
      int queueSize, long queueMaxBytes, List<String> maskPaths, HttpSink http,
      Map<String, String> labels) {
    /**
     * The default for {@code queue_max_bytes}: about 10,000 events of a typical few-kilobyte
     * exchange request, as many as the default queue size.
     */
    public static final long DEFAULT_QUEUE_MAX_BYTES = 64L * 1024 * 1024;

    public DecisionLog {
      maskPaths = List.copyOf(maskPaths);
      labels = Map.copyOf(labels);
      if (queueSize <= 0 || queueMaxBytes <= 0 || maxFiles <= 0 || maxFileBytes <= 0) {
        throw new ConfigException("decision_log.queue_size, queue_max_bytes, max_files and"
            + " max_file_size must be positive");
      }
      for (String p : maskPaths) {
        if (!p.startsWith("/input") && !p.startsWith("/result")) {
          throw new ConfigException(
              "decision_log.mask paths must start with /input or /result: " + p);
        }
      }
    }

    /** A decision log whose queue has the default memory budget. */
    public DecisionLog(boolean enabled, Path file, long maxFileBytes, int maxFiles, int queueSize,
        List<String> maskPaths, HttpSink http, Map<String, String> labels) {
      this(enabled, file, maxFileBytes, maxFiles, queueSize, DEFAULT_QUEUE_MAX_BYTES, maskPaths,
          http, labels);
    }
  }

  /** Batches of events POSTed as gzipped JSON arrays, as OPA's decision log plugin does. */
  public record HttpSink(URI url, int batchSize, Duration flushInterval, Duration timeout,
      int maxBuffered) {
    public HttpSink {
      if (batchSize <= 0 || maxBuffered < batchSize) {
        throw new ConfigException(
            "decision_log.http.batch_size must be positive and max_buffered >= batch_size");
      }
    }
  }

  /** Prepared queries are always cached; decisions only when switched on. */
  public record Caches(int preparedQueries, boolean decisionsEnabled, Duration decisionTtl,
      long decisionMaxEntries) {
    public Caches {
      if (preparedQueries <= 0 || decisionMaxEntries <= 0) {
        throw new ConfigException("cache sizes must be positive");
      }
    }
  }

  public static final int DEFAULT_PORT = 8181;
  public static final String DEFAULT_EXCHANGE_PATH = "data.mandate.exchange.decision";
  public static final String DEFAULT_AUTHZEN_PATH = "data.mandate.authzen.allow";

  public static PdpConfig defaults() {
    return new PdpConfig(
        new Server("0.0.0.0", DEFAULT_PORT, 1024 * 1024, ""),
        new Policies(Path.of("policies"), true, Duration.ofSeconds(1)),
        new Decisions(DEFAULT_EXCHANGE_PATH, DEFAULT_AUTHZEN_PATH, Duration.ofMillis(50),
            Duration.ofSeconds(1)),
        new DecisionLog(true, Path.of("decisions.log"), 10L * 1024 * 1024, 5, 10_000,
            List.of(), null, Map.of("id", UUID.randomUUID().toString())),
        new Caches(256, false, Duration.ofSeconds(1), 10_000));
  }

  public PdpConfig withServer(Server s) {
    return new PdpConfig(s, policies, decisions, decisionLog, cache);
  }

  public PdpConfig withPolicies(Policies p) {
    return new PdpConfig(server, p, decisions, decisionLog, cache);
  }

  public PdpConfig withDecisions(Decisions d) {
    return new PdpConfig(server, policies, d, decisionLog, cache);
  }

  public PdpConfig withDecisionLog(DecisionLog d) {
    return new PdpConfig(server, policies, decisions, d, cache);
  }

  public PdpConfig withCache(Caches c) {
    return new PdpConfig(server, policies, decisions, decisionLog, c);
  }

  public PdpConfig withPort(int port) {
    return withServer(new Server(server.host(), port, server.bodyLimitBytes(), server.publicUrl(),
        server.eventLoops()));
  }

  public PdpConfig withPolicyDir(Path dir) {
    return withPolicies(new Policies(dir, policies.watch(), policies.scanInterval()));
  }
}
