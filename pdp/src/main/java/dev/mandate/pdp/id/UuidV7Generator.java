package dev.mandate.pdp.id;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Time-ordered UUIDs (RFC 9562, version 7) for decision ids: a 48-bit Unix millisecond timestamp,
 * the version nibble {@code 0111}, a 12-bit counter in {@code rand_a}, the {@code 10} variant and
 * 62 random bits.
 *
 * <p>Ids are strictly increasing from one generator, even within one millisecond and even if the
 * wall clock steps back: the counter (RFC 9562 §6.2, method 1) starts at a random value with its
 * top bit clear each new millisecond so there is room to count up, and when it runs out the
 * timestamp is advanced by one millisecond rather than repeating or going backwards.
 */
public final class UuidV7Generator {
  private static final long MAX_COUNTER = 0xFFF;
  /**
   * Random bytes are drawn from the SecureRandom this many at a time: each draw takes a lock and
   * mixes its output, which cost more per id than the id itself when done once per id.
   */
  private static final int RANDOM_BATCH = 1024;

  private final LongSupplier clockMillis;
  private final SecureRandom random;
  private final ByteBuffer randomBytes = ByteBuffer.allocate(RANDOM_BATCH).position(RANDOM_BATCH);
  private long lastMillis = -1;
  private long counter;

  public UuidV7Generator() {
    this(System::currentTimeMillis, new SecureRandom());
  }

  public UuidV7Generator(LongSupplier clockMillis, SecureRandom random) {
    this.clockMillis = clockMillis;
    this.random = random;
  }

  public synchronized UUID next() {
    long now = clockMillis.getAsLong();
    if (now > lastMillis) {
      lastMillis = now;
      counter = nextRandomLong() & 0x7FF;
    } else if (++counter > MAX_COUNTER) {
      lastMillis++;
      counter = 0;
    }
    long msb = (lastMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | counter;
    long lsb = nextRandomLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb);
  }

  private long nextRandomLong() {
    if (randomBytes.remaining() < Long.BYTES) {
      random.nextBytes(randomBytes.array());
      randomBytes.clear();
    }
    return randomBytes.getLong();
  }

  /** The Unix millisecond timestamp a version-7 UUID carries. */
  public static long timestampMillis(UUID id) {
    return id.getMostSignificantBits() >>> 16;
  }
}
