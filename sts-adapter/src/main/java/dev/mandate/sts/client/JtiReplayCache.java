package dev.mandate.sts.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;

/**
 * Remembers client assertion ids ({@code jti}, RFC 7523 §3 item 7) until the assertion expires,
 * so each assertion is accepted once. Bounded: past {@code maxEntries} the least recently used
 * ids are evicted; since assertions live at most a few minutes, the bound only matters under a
 * flood, and is sized for far more assertions than that window can hold.
 */
public final class JtiReplayCache {
  private final Cache<String, Instant> seen;
  private final Clock clock;

  public JtiReplayCache(long maxEntries, Clock clock) {
    this.clock = clock;
    Ticker ticker = () -> clock.millis() * 1_000_000L;
    this.seen = Caffeine.newBuilder()
        .maximumSize(maxEntries)
        .ticker(ticker)
        .expireAfter(new Expiry<String, Instant>() {
          @Override
          public long expireAfterCreate(String key, Instant exp, long currentTime) {
            return Math.max(1, (exp.toEpochMilli() - clock.millis()) * 1_000_000L);
          }

          @Override
          public long expireAfterUpdate(String key, Instant exp, long currentTime,
              long currentDuration) {
            return currentDuration;
          }

          @Override
          public long expireAfterRead(String key, Instant exp, long currentTime,
              long currentDuration) {
            return currentDuration;
          }
        })
        .build();
  }

  /**
   * Records {@code clientId}'s {@code jti}, valid until {@code until}; false if it was already
   * recorded (a replay). The key includes the client so clients cannot burn each other's ids.
   */
  public boolean firstUse(String clientId, String jti, Instant until) {
    return seen.asMap().putIfAbsent(clientId + "\u0000" + jti, until) == null;
  }

  public long size() {
    seen.cleanUp();
    return seen.estimatedSize();
  }

  Instant now() {
    return clock.instant();
  }
}
