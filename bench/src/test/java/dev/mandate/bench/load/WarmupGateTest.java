package dev.mandate.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WarmupGateTest {
  private static final long S = 1_000_000_000L;
  private static final long LEAD = 2 * WarmupGate.POLL.toNanos();

  /** A JIT clock the test moves by hand. */
  private static final class FakeJit {
    long millis;
  }

  private static WarmupGate gate(FakeJit jit) {
    return new WarmupGate(0, Duration.ofSeconds(10), Duration.ofSeconds(60), () -> jit.millis);
  }

  @Test
  void opensAfterTheMinimumWhenTheJitIsQuiet() {
    FakeJit jit = new FakeJit();
    WarmupGate g = gate(jit);
    assertEquals(-1, g.poll(1 * S));
    assertEquals(-1, g.poll(9 * S));
    assertEquals(10 * S + LEAD, g.poll(10 * S));
  }

  @Test
  void staysClosedWhileTheJitCompilesAndOpensOnceItHasBeenQuietForASpan() {
    FakeJit jit = new FakeJit();
    WarmupGate g = gate(jit);
    for (long t = 1; t <= 12; t++) {
      jit.millis += 400; // compiling 40 % of every second
      assertEquals(-1, g.poll(t * S), "still compiling at " + t + " s");
    }
    jit.millis += WarmupGate.QUIET_JIT_MILLIS; // a late trickle within the allowance
    assertEquals(13 * S + LEAD, g.poll(13 * S));
  }

  @Test
  void opensAtTheMaximumIfTheJitNeverSettles() {
    FakeJit jit = new FakeJit();
    WarmupGate g = gate(jit);
    for (long t = 1; t < 70; t++) {
      jit.millis += 100;
      assertEquals(-1, g.poll(t * S));
    }
    jit.millis += 100;
    assertEquals(70 * S + LEAD, g.poll(70 * S));
  }

  @Test
  void everyLaterPollGetsTheSameWindowSoLoopsSharingTheGateMeasureTogether() {
    FakeJit jit = new FakeJit();
    WarmupGate g = gate(jit);
    g.poll(1 * S);
    long window = g.poll(10 * S);
    jit.millis += 5_000;
    assertEquals(window, g.poll(10 * S + WarmupGate.POLL.toNanos()));
    assertEquals(window, g.poll(20 * S));
  }
}
