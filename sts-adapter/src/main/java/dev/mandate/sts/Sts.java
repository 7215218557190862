package dev.mandate.sts;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import dev.mandate.sts.audit.AuditLog;
import dev.mandate.sts.client.AuthMethod;
import dev.mandate.sts.client.ClientAssertionVerifier;
import dev.mandate.sts.client.ClientAuthenticator;
import dev.mandate.sts.client.JtiReplayCache;
import dev.mandate.sts.client.RegisteredClient;
import dev.mandate.sts.config.IssuerConfig;
import dev.mandate.sts.config.StsConfig;
import dev.mandate.sts.exchange.TokenExchange;
import dev.mandate.sts.http.StsRouter;
import dev.mandate.sts.jose.Jws;
import dev.mandate.sts.keys.SigningKeys;
import dev.mandate.sts.mint.TokenMinter;
import dev.mandate.sts.pdp.PdpClient;
import dev.mandate.sts.token.TokenValidator;
import dev.mandate.sts.token.TrustedIssuer;
import dev.mandate.pdp.http.EventLoopServers;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The STS, assembled from its configuration and a {@link PdpClient}, listening on
 * {@code event_loops} event loops (one per CPU by default), one HTTP server each on the same
 * port, so exchanges that run on the event loop (see {@code TokenEndpoint}) use every CPU.
 * {@link #close} stops the servers, then the PDP client.
 */
public final class Sts implements AutoCloseable {
  /** Remote JWKS: cache for 5 minutes, refetch on an unknown kid at most every 30 seconds. */
  private static final long JWKS_TTL_MS = 5 * 60_000;
  private static final long JWKS_REFRESH_TIMEOUT_MS = 5_000;
  private static final long JWKS_MIN_REFRESH_INTERVAL_MS = 30_000;

  private final Vertx vertx;
  private final EventLoopServers server;
  private final SigningKeys keys;
  private final PdpClient pdp;
  private final String baseUrl;

  private Sts(Vertx vertx, EventLoopServers server, SigningKeys keys, PdpClient pdp, String baseUrl) {
    this.vertx = vertx;
    this.server = server;
    this.keys = keys;
    this.pdp = pdp;
    this.baseUrl = baseUrl;
  }

  public static Sts start(StsConfig config, PdpClient pdp, Consumer<String> auditSink,
      Clock clock) {
    Duration keepRetired = Duration.ofSeconds(config.maxTtlSeconds()).plus(config.clockSkew());
    SigningKeys keys = SigningKeys.loadOrCreate(config.keyFile(), config.signingAlgorithm(),
        keepRetired, clock);
    int eventLoops = config.effectiveEventLoops();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(
        Math.max(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE, eventLoops)));
    // The router needs the base URL, which needs the bound port: requests that arrive before the
    // router is in place get a 503 rather than waiting.
    AtomicReference<Router> router = new AtomicReference<>();
    try {
      EventLoopServers server = EventLoopServers.listen(vertx, new HttpServerOptions()
              .setHost(config.host()).setPort(config.port()),
          req -> {
            Router r = router.get();
            if (r == null) {
              req.response().setStatusCode(503).end();
            } else {
              r.handle(req);
            }
          }, eventLoops, Duration.ofSeconds(30));
      String baseUrl = config.baseUrl() != null ? config.baseUrl().replaceAll("/+$", "")
          : "http://" + hostForUrl(config.host()) + ":" + server.port();
      TokenExchange exchange = exchange(config, pdp, auditSink, clock, keys, baseUrl);
      List<String> methods = new ArrayList<>();
      for (AuthMethod m : AuthMethod.values()) {
        methods.add(m.wireName());
      }
      router.set(StsRouter.create(vertx, exchange, keys, config.issuer(), baseUrl,
          config.maxBodyBytes(), methods, config.assertionAlgorithms()));
      if (config.rotationInterval() != null) {
        long ms = config.rotationInterval().toMillis();
        vertx.setPeriodic(ms, ms, id -> vertx.executeBlocking(() -> {
          keys.rotate();
          return null;
        }));
      }
      return new Sts(vertx, server, keys, pdp, baseUrl);
    } catch (Exception e) {
      vertx.close();
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port()
          + ": " + e.getMessage(), e);
    }
  }

  private static String hostForUrl(String host) {
    if (host.equals("0.0.0.0") || host.equals("::")) {
      return "localhost";
    }
    return host.contains(":") ? "[" + host + "]" : host;
  }

  static TokenExchange exchange(StsConfig config, PdpClient pdp, Consumer<String> auditSink,
      Clock clock, SigningKeys keys, String baseUrl) {
    Map<String, RegisteredClient> clients = new LinkedHashMap<>();
    for (RegisteredClient c : config.clients()) {
      clients.put(c.id(), c);
    }
    Set<JWSAlgorithm> assertionAlgs = Jws.allowlist(config.assertionAlgorithms(),
        "client_assertion.algorithms");
    ClientAssertionVerifier assertions = new ClientAssertionVerifier(
        Set.of(config.issuer(), baseUrl + StsRouter.TOKEN_PATH,
            config.issuer().replaceAll("/+$", "") + StsRouter.TOKEN_PATH),
        assertionAlgs, new JtiReplayCache(100_000, clock), clock, config.clockSkew(),
        config.assertionMaxLifetime());
    ClientAuthenticator auth = new ClientAuthenticator(clients, assertions);
    List<TrustedIssuer> issuers = new ArrayList<>();
    for (IssuerConfig ic : config.issuers()) {
      issuers.add(new TrustedIssuer(ic.issuer(), keySource(ic, keys),
          Jws.allowlist(ic.algorithms(), "issuer " + ic.issuer()), ic.audiences(),
          ic.jwksUrl() != null));
    }
    TokenValidator validator = new TokenValidator(issuers, clock, config.clockSkew(),
        config.maxTokenBytes());
    return new TokenExchange(auth, validator, pdp, new TokenMinter(config.issuer(), keys),
        new AuditLog(auditSink, clock), clock, config.maxTtlSeconds(), config.environment());
  }

  private static JWKSource<SecurityContext> keySource(IssuerConfig ic, SigningKeys keys) {
    if (ic.self()) {
      return (selector, ctx) -> selector.select(keys.published());
    }
    if (ic.jwksFile() != null) {
      try {
        JWKSet set = JWKSet.load(ic.jwksFile().toFile());
        if (set.getKeys().stream().anyMatch(k -> k.isPrivate())) {
          throw new IllegalArgumentException("issuer " + ic.issuer()
              + ": the JWKS file holds private keys; publish public keys only");
        }
        return new ImmutableJWKSet<>(set);
      } catch (IOException | java.text.ParseException e) {
        throw new UncheckedIOException("issuer " + ic.issuer() + ": cannot read "
            + ic.jwksFile(), e instanceof IOException io ? io : new IOException(e));
      }
    }
    try {
      return JWKSourceBuilder.<SecurityContext>create(ic.jwksUrl().toURL())
          .cache(JWKS_TTL_MS, JWKS_REFRESH_TIMEOUT_MS)
          .rateLimited(JWKS_MIN_REFRESH_INTERVAL_MS)
          .retrying(false)
          .build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("issuer " + ic.issuer() + ": bad jwks_url", e);
    }
  }

  public int port() {
    return server.port();
  }

  public String baseUrl() {
    return baseUrl;
  }

  public SigningKeys keys() {
    return keys;
  }

  public PdpClient pdp() {
    return pdp;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (Exception e) {
      // closing anyway
    }
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing anyway
    }
    pdp.close();
  }
}
