package dev.mandate.pdp.policy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mandate.rego.Policy;
import dev.mandate.rego.PreparedQuery;
import java.time.Instant;

/**
 * One compiled revision of the policy directory, with its own bounded cache of prepared queries.
 * Immutable from the outside: a reload builds a new snapshot and swaps it in, so a request that
 * picked up a snapshot evaluates against one consistent revision from start to end, and prepared
 * queries can never leak from one revision into another.
 */
public final class PolicySnapshot {
  private final Policy policy;
  private final String revision;
  private final Instant activatedAt;
  private final int fileCount;
  private final Cache<String, PreparedQuery> prepared;

  public PolicySnapshot(Policy policy, String revision, Instant activatedAt, int fileCount,
      int preparedQueryLimit) {
    this.policy = policy;
    this.revision = revision;
    this.activatedAt = activatedAt;
    this.fileCount = fileCount;
    this.prepared = Caffeine.newBuilder().maximumSize(preparedQueryLimit).build();
  }

  /** The prepared query for {@code query}; throws the engine's {@code RegoException} if invalid. */
  public PreparedQuery prepare(String query) {
    return prepared.get(query, policy::prepare);
  }

  public Policy policy() {
    return policy;
  }

  public String revision() {
    return revision;
  }

  public Instant activatedAt() {
    return activatedAt;
  }

  public int fileCount() {
    return fileCount;
  }

  /** How many prepared queries are cached now (for tests and metrics). */
  public long preparedQueryCount() {
    prepared.cleanUp();
    return prepared.estimatedSize();
  }
}
