package dev.mandate.pdp.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UuidV7GeneratorTest {
  @Test
  void layoutFollowsRfc9562() {
    long now = 0x0190_1234_5678L;
    UUID id = new UuidV7Generator(() -> now, new SecureRandom()).next();
    assertEquals(7, id.version());
    assertEquals(2, id.variant());
    assertEquals(now, UuidV7Generator.timestampMillis(id));
    assertTrue(id.toString().startsWith("01901234-5678-7"), id.toString());
  }

  @Test
  void strictlyIncreasingWithinOneMillisecond() {
    UuidV7Generator g = new UuidV7Generator(() -> 1_000L, new SecureRandom());
    String prev = g.next().toString();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String next = g.next().toString();
      assertTrue(prev.compareTo(next) < 0, prev + " then " + next);
      assertTrue(seen.add(next));
      prev = next;
    }
  }

  @Test
  void counterOverflowBorrowsTheNextMillisecond() {
    UuidV7Generator g = new UuidV7Generator(() -> 5_000L, new SecureRandom());
    UUID last = null;
    for (int i = 0; i < 5_000; i++) {
      last = g.next();
    }
    assertTrue(UuidV7Generator.timestampMillis(last) > 5_000L);
  }

  @Test
  void clockGoingBackwardsDoesNotBreakOrder() {
    AtomicLong clock = new AtomicLong(10_000L);
    UuidV7Generator g = new UuidV7Generator(clock::get, new SecureRandom());
    String a = g.next().toString();
    clock.set(9_000L);
    String b = g.next().toString();
    assertTrue(a.compareTo(b) < 0);
    clock.set(11_000L);
    UUID c = g.next();
    assertEquals(11_000L, UuidV7Generator.timestampMillis(c));
  }

  @Test
  void randomBitsDifferAcrossGenerators() {
    UUID a = new UuidV7Generator(() -> 1L, new SecureRandom()).next();
    UUID b = new UuidV7Generator(() -> 1L, new SecureRandom()).next();
    assertTrue(a.getLeastSignificantBits() != b.getLeastSignificantBits());
  }

  @Test
  void randomBitsStayRandomAcrossManyBatchesOfRandomBytes() {
    UuidV7Generator g = new UuidV7Generator(System::currentTimeMillis, new SecureRandom());
    java.util.Set<Long> randomParts = new java.util.HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      randomParts.add(g.next().getLeastSignificantBits());
    }
    assertEquals(10_000, randomParts.size());
  }
}
