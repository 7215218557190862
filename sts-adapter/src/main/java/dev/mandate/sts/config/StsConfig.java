package dev.mandate.sts.config;

import dev.mandate.sts.client.RegisteredClient;
import dev.mandate.sts.keys.SigningAlgorithm;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything the STS is configured with. See docs/sts.md for the YAML form.
 *
 * @param issuer the {@code iss} of issued tokens and the RFC 8414 issuer identifier
 * @param baseUrl where clients reach the STS (endpoints in the metadata); null: derived from
 *     host and port when listening
 * @param eventLoops how many event loops serve requests, one HTTP server each on the same port;
 *     0 means one per CPU
 * @param environment the STS's environment for the policy ({@code context.environment})
 * @param maxTtlSeconds the global hard cap on issued token lifetimes, whatever the policy says
 * @param keyFile the signing key ring file; null keeps keys in memory
 * @param rotationInterval how often to rotate signing keys; null: only on demand
 * @param pdpUrl a remote PDP; null: evaluate {@code policies} in-process
 * @param auditFile where audit lines go; null: standard output
 */
public record StsConfig(
    String issuer,
    String baseUrl,
    String host,
    int port,
    int eventLoops,
    String environment,
    long maxTtlSeconds,
    Duration clockSkew,
    int maxTokenBytes,
    int maxBodyBytes,
    Duration assertionMaxLifetime,
    List<String> assertionAlgorithms,
    SigningAlgorithm signingAlgorithm,
    Path keyFile,
    Duration rotationInterval,
    List<RegisteredClient> clients,
    List<IssuerConfig> issuers,
    Path policies,
    URI pdpUrl,
    Duration pdpTimeout,
    int pdpRetries,
    Path decisionLog,
    Path auditFile) {

  public StsConfig {
    if (maxTtlSeconds <= 0) {
      throw new IllegalArgumentException("max_ttl_seconds must be positive");
    }
    if (eventLoops < 0 || eventLoops > 1024) {
      throw new IllegalArgumentException("event_loops must be 0..1024 (0: one per CPU), got "
          + eventLoops);
    }
    clients = List.copyOf(clients);
    issuers = List.copyOf(issuers);
    assertionAlgorithms = List.copyOf(assertionAlgorithms);
  }

  /** The defaults, with no clients and no issuers. */
  public static StsConfig defaults() {
    return new StsConfig("https://sts.acme.internal", null, "127.0.0.1", 8080, 0, "prod", 3600,
        Duration.ofSeconds(60), 16 * 1024, 64 * 1024, Duration.ofMinutes(5),
        List.of("RS256", "PS256", "ES256", "EdDSA"), SigningAlgorithm.ES256, null, null,
        List.of(), List.of(), Path.of("policies"), null, Duration.ofSeconds(2), 2, null, null);
  }

  /** The number of event loops to serve on: {@code eventLoops}, or one per CPU. */
  public int effectiveEventLoops() {
    return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
  }

  public StsConfig withPort(int p) {
    return new StsConfig(issuer, baseUrl, host, p, eventLoops, environment, maxTtlSeconds,
        clockSkew, maxTokenBytes, maxBodyBytes, assertionMaxLifetime, assertionAlgorithms,
        signingAlgorithm, keyFile, rotationInterval, clients, issuers, policies, pdpUrl, pdpTimeout,
        pdpRetries, decisionLog, auditFile);
  }

  public StsConfig withEventLoops(int n) {
    return new StsConfig(issuer, baseUrl, host, port, n, environment, maxTtlSeconds, clockSkew,
        maxTokenBytes, maxBodyBytes, assertionMaxLifetime, assertionAlgorithms, signingAlgorithm,
        keyFile, rotationInterval, clients, issuers, policies, pdpUrl, pdpTimeout, pdpRetries,
        decisionLog, auditFile);
  }

  public StsConfig withClientsAndIssuers(List<RegisteredClient> c, List<IssuerConfig> i) {
    return new StsConfig(issuer, baseUrl, host, port, eventLoops, environment, maxTtlSeconds,
        clockSkew, maxTokenBytes, maxBodyBytes, assertionMaxLifetime, assertionAlgorithms,
        signingAlgorithm, keyFile, rotationInterval, c, i, policies, pdpUrl, pdpTimeout, pdpRetries,
        decisionLog, auditFile);
  }

  public StsConfig withKeys(SigningAlgorithm alg, Path file, Duration rotation) {
    return new StsConfig(issuer, baseUrl, host, port, eventLoops, environment, maxTtlSeconds,
        clockSkew, maxTokenBytes, maxBodyBytes, assertionMaxLifetime, assertionAlgorithms, alg,
        file, rotation, clients, issuers, policies, pdpUrl, pdpTimeout, pdpRetries, decisionLog,
        auditFile);
  }

  public StsConfig withPdp(Path policyDir, URI url, Path decisionLogFile) {
    return new StsConfig(issuer, baseUrl, host, port, eventLoops, environment, maxTtlSeconds,
        clockSkew, maxTokenBytes, maxBodyBytes, assertionMaxLifetime, assertionAlgorithms,
        signingAlgorithm, keyFile, rotationInterval, clients, issuers, policyDir, url, pdpTimeout,
        pdpRetries, decisionLogFile, auditFile);
  }

  public StsConfig withAuditFile(Path f) {
    return new StsConfig(issuer, baseUrl, host, port, eventLoops, environment, maxTtlSeconds,
        clockSkew, maxTokenBytes, maxBodyBytes, assertionMaxLifetime, assertionAlgorithms,
        signingAlgorithm, keyFile, rotationInterval, clients, issuers, policies, pdpUrl, pdpTimeout,
        pdpRetries, decisionLog, f);
  }

  public StsConfig withMaxTtl(long seconds) {
    return new StsConfig(issuer, baseUrl, host, port, eventLoops, environment, seconds, clockSkew,
        maxTokenBytes, maxBodyBytes, assertionMaxLifetime, assertionAlgorithms, signingAlgorithm,
        keyFile, rotationInterval, clients, issuers, policies, pdpUrl, pdpTimeout, pdpRetries,
        decisionLog, auditFile);
  }
}
