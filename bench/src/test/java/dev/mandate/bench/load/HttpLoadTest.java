package dev.mandate.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The generator against the bare endpoint: results of one and of several event loops. */
class HttpLoadTest {
  private static final byte[] BODY = "{\"input\":{}}".getBytes(StandardCharsets.UTF_8);

  /** A saturation run of a two-loop generator against a fresh bare endpoint. */
  private static LoadResult saturateBare(String expected, int connections, Duration warmup,
      Duration duration) throws Exception {
    try (BareServer bare = BareServer.start(); HttpLoad load = new HttpLoad(2)) {
      LoadTarget target = LoadTarget.of("bare",
          URI.create("http://127.0.0.1:" + bare.port() + "/x"), BODY, ResponseCheck.ok(expected));
      LoadResult r = load.saturate(target, connections, warmup, duration);
      assertEquals(2, load.lastSaturationThreads, "each loop's run sent from its own thread");
      return r;
    }
  }

  @Test
  void severalLoopsMeasureOneWindowAndMergeTheirResults() throws Exception {
    LoadResult r = saturateBare("\"allow\":true", 5, Duration.ofMillis(300),
        Duration.ofSeconds(1));
    assertEquals(5, r.connections());
    assertEquals(0, r.errors());
    assertTrue(r.ok() > 0);
    assertEquals(r.ok(), r.latency().getTotalCount(), "every success is one latency sample");
    assertEquals(r.ok(), r.throughput() * r.seconds(), 1.0,
        "throughput counts the answers of both loops in the window");
    assertNotNull(r.cpu(), "the first loop read the CPU clocks for all of them");
    assertTrue(r.cpu().byGroup().containsKey(CpuUsage.GENERATOR));
    long inKernel = r.cpu().kernelByGroup().get(CpuUsage.GENERATOR);
    assertTrue(inKernel >= 0 && inKernel <= r.cpu().byGroup().get(CpuUsage.GENERATOR),
        "the kernel's part is part of the group's CPU time: " + r.cpu());
  }

  @Test
  void aFailedCheckIsAnErrorOnEveryLoop() throws Exception {
    LoadResult r = saturateBare("\"allow\":false", 2, Duration.ofMillis(200),
        Duration.ofMillis(500));
    assertEquals(0, r.ok());
    assertTrue(r.errors() > 0);
    assertEquals(1, r.errorExamples().size(), "the same failure is listed once: "
        + r.errorExamples());
  }
}
