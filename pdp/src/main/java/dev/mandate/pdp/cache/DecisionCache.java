package dev.mandate.pdp.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mandate.pdp.eval.EvalOutcome;
import java.time.Duration;

/**
 * A short-lived memo of evaluation outcomes. The key is the whole canonical input (JSON with
 * sorted keys) plus the query, the policy revision and the strictness, so two requests share an
 * entry only when every one of those is equal: no input field can be left out by accident, and
 * a reload makes every older entry unreachable. Only outcomes that depend on nothing else are
 * stored (defined or undefined, never errors or timeouts).
 */
public final class DecisionCache {
  /** Everything an outcome depends on. */
  public record Key(String query, String revision, String canonicalInput, boolean strict) {}

  private final Cache<Key, EvalOutcome> cache;

  public DecisionCache(Duration ttl, long maxEntries) {
    this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).build();
  }

  public EvalOutcome get(Key key) {
    return cache.getIfPresent(key);
  }

  public void put(Key key, EvalOutcome outcome) {
    if (outcome.cacheable()) {
      cache.put(key, outcome);
    }
  }

  public long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }
}
