package dev.mandate.pdp.decisionlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionLogWriterTest {
  @TempDir Path tmp;

  static DecisionEvent event(int i) {
    return new DecisionEvent("id-" + i, "a/b", Json.parse("{\"n\": " + i + "}"),
        Json.parse("true"), null, "rev", "127.0.0.1:1", Instant.parse("2025-01-02T03:04:05.120Z"),
        Map.of("timer_rego_query_eval_ns", 5L));
  }

  static EventEncoder encoder() {
    return new EventEncoder(new Masker(List.of()), Map.of("id", "i", "version", "v"));
  }

  @Test
  void encodesOpaFieldNames() {
    ObjectValue e = (ObjectValue) Json.parse(encoder().encode(event(1)));
    assertEquals(StringValue.of("id-1"), e.get("decision_id"));
    assertEquals(StringValue.of("a/b"), e.get("path"));
    assertEquals(StringValue.of("2025-01-02T03:04:05.12Z"), e.get("timestamp"));
    assertEquals(Json.parse("{\"mandate\": {\"revision\": \"rev\"}}"), e.get("bundles"));
    assertEquals(Json.parse("{\"id\": \"i\", \"version\": \"v\"}"), e.get("labels"));
    assertEquals(Json.parse("{\"timer_rego_query_eval_ns\": 5}"), e.get("metrics"));
    assertFalse(e.containsKey(StringValue.of("erased")));
  }

  @Test
  void writesMembersInSortedOrderAndKeepsEventsWithUnpairedSurrogates() {
    DecisionEvent e = new DecisionEvent("id-1", "a/b",
        Json.parse("{\"z\": \"\\ud800\", \"a\": \"caf\u00e9\"}"), Json.parse("{\"ok\": true}"),
        StringValue.of("boom"), "rev", "127.0.0.1:1", Instant.parse("2025-01-02T03:04:05Z"),
        Map.of("timer_rego_query_eval_ns", 5L));
    String line = new String(encoder().encode(e), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals("{\"bundles\":{\"mandate\":{\"revision\":\"rev\"}},\"decision_id\":\"id-1\","
        + "\"error\":\"boom\",\"input\":{\"a\":\"caf\u00e9\",\"z\":\"?\"},"
        + "\"labels\":{\"id\":\"i\",\"version\":\"v\"},"
        + "\"metrics\":{\"timer_rego_query_eval_ns\":5},\"path\":\"a/b\","
        + "\"requested_by\":\"127.0.0.1:1\",\"result\":{\"ok\":true},"
        + "\"timestamp\":\"2025-01-02T03:04:05Z\"}", line);
  }

  @Test
  void rfc3339NanoTrimsTrailingZeros() {
    assertEquals("2025-01-02T03:04:05Z", Rfc3339.nano(Instant.parse("2025-01-02T03:04:05Z")));
    assertEquals("2025-01-02T03:04:05.000000001Z",
        Rfc3339.nano(Instant.parse("2025-01-02T03:04:05.000000001Z")));
    assertEquals("2025-01-02T03:04:05.5Z",
        Rfc3339.nano(Instant.parse("2025-01-02T03:04:05.500Z")));
    assertEquals("2025-01-02T03:04:05.01002Z",
        Rfc3339.nano(Instant.parse("2025-01-02T03:04:05.010020Z")));
    assertEquals("2025-01-02T03:04:05.123456789Z",
        Rfc3339.nano(Instant.parse("2025-01-02T03:04:05.123456789Z")));
    // The text of the last second is reused: moving to another second and back stays right.
    assertEquals("2025-01-02T03:04:06.25Z", Rfc3339.nano(Instant.parse("2025-01-02T03:04:06.25Z")));
    assertEquals("2024-12-31T23:59:59.9Z", Rfc3339.nano(Instant.parse("2024-12-31T23:59:59.9Z")));
    assertEquals("2025-01-02T03:04:05.5Z", Rfc3339.nano(Instant.parse("2025-01-02T03:04:05.500Z")));
  }

  @Test
  void eventsOfAnySizeFollowingEachOtherAreWrittenWhole() throws Exception {
    Path file = tmp.resolve("sizes.log");
    DecisionLogger log = new DecisionLogger(100, encoder(),
        List.of(new RotatingFileSink(file, 100_000_000, 2)), () -> { }, (r, n) -> { });
    log.start();
    String big = "x".repeat(600_000); // grows the writer's buffer past what it keeps
    for (int i = 0; i < 3; i++) {
      DecisionEvent small = event(i);
      DecisionEvent large = new DecisionEvent("big-" + i, "a/b",
          ObjectValue.builder().put("blob", StringValue.of(big)).build(), small.result(), null,
          "rev", "127.0.0.1:1", small.timestamp(), small.metrics());
      log.log(small);
      log.log(large);
    }
    log.close();
    List<String> lines = Files.readAllLines(file);
    assertEquals(6, lines.size());
    for (int i = 0; i < 3; i++) {
      ObjectValue small = (ObjectValue) Json.parse(lines.get(2 * i));
      ObjectValue large = (ObjectValue) Json.parse(lines.get(2 * i + 1));
      assertEquals(StringValue.of("id-" + i), small.get("decision_id"));
      assertEquals(Json.parse("{\"n\": " + i + "}"), small.get("input"));
      assertEquals(StringValue.of(big), ((ObjectValue) large.get("input")).get("blob"));
    }
  }

  /** A sink that holds the writer in its first accept until released, and keeps the lines. */
  private static final class BlockingSink implements DecisionLogSink {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch firstTaken = new CountDownLatch(1);
    final List<byte[]> written = new ArrayList<>();

    @Override
    public void accept(byte[] line, int length) {
      firstTaken.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      written.add(java.util.Arrays.copyOf(line, length));
    }

    @Override
    public void flush(boolean force) {}

    @Override
    public void close() {}
  }

  /** Drop counts by reason, collected into {@code drops}. */
  private static java.util.function.BiConsumer<String, Long> countInto(
      Map<String, AtomicLong> drops) {
    return (reason, n) -> drops.computeIfAbsent(reason, r -> new AtomicLong()).addAndGet(n);
  }

  /** An event of a request with a body of {@code bodyBytes}. */
  private static DecisionEvent eventWithBody(int i, long bodyBytes) {
    DecisionEvent e = event(i);
    return new DecisionEvent(e.decisionId(), e.path(), e.input(), null, e.result(), null, null,
        e.revision(), e.requestedBy(), e.timestamp(), e.metrics(), bodyBytes);
  }

  @Test
  void queuedEventsAreBoundedByTheMemoryTheyHoldToo() throws Exception {
    BlockingSink blocked = new BlockingSink();
    Map<String, AtomicLong> drops = new ConcurrentHashMap<>();
    AtomicLong ok = new AtomicLong();
    long mib = 1024 * 1024;
    // Room for 1,000 events by count, but only 10 MiB: each 1 MiB body weighs 4 MiB and more.
    DecisionLogger log = new DecisionLogger(1000, 10 * mib, encoder(), List.of(blocked),
        ok::incrementAndGet, countInto(drops));
    log.start();
    assertTrue(log.log(eventWithBody(0, 20 * mib)), "alone in the queue, any size is taken");
    blocked.firstTaken.await(); // the writer holds event 0; its weight stays counted until written
    assertFalse(log.log(eventWithBody(1, mib)), "20 MiB already held");
    blocked.release.countDown();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (log.queuedBytes() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(0, log.queuedBytes(), "a written event's memory is released");
    assertTrue(log.log(eventWithBody(2, mib)));
    log.close();
    assertEquals(1, drops.get(DecisionLogger.QUEUE_FULL).get());
    assertEquals(2, ok.get());

    DecisionLogger fresh = new DecisionLogger(1000, 10 * mib, encoder(), List.of(), () -> { },
        countInto(drops));
    int accepted = 0;
    for (int i = 0; i < 5; i++) { // not started: nothing is written, everything stays queued
      accepted += fresh.log(eventWithBody(i, mib)) ? 1 : 0;
    }
    assertEquals(2, accepted, "two 4 MiB events fit in 10 MiB, a third does not");
    for (int i = 0; i < 50; i++) {
      assertFalse(fresh.log(eventWithBody(100 + i, mib)));
    }
    assertTrue(fresh.log(event(200)), "small events still fit in what is left");
  }

  @Test
  void fullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
    BlockingSink blocked = new BlockingSink();
    Map<String, AtomicLong> drops = new ConcurrentHashMap<>();
    AtomicLong ok = new AtomicLong();
    DecisionLogger log = new DecisionLogger(2, encoder(), List.of(blocked), ok::incrementAndGet,
        countInto(drops));
    log.start();
    assertTrue(log.log(event(0)));
    blocked.firstTaken.await();
    int accepted = 0;
    for (int i = 1; i <= 10; i++) {
      if (log.log(event(i))) {
        accepted++;
      }
    }
    assertEquals(2, accepted, "queue of two");
    assertEquals(8, drops.get(DecisionLogger.QUEUE_FULL).get());
    blocked.release.countDown();
    log.close();
    assertEquals(3, blocked.written.size(), "everything accepted is written at close");
    assertEquals(3, ok.get());
    assertFalse(log.log(event(99)), "closed logger refuses");
  }

  @Test
  void rotatesBySizeKeepingNFiles() throws Exception {
    Path file = tmp.resolve("d.log");
    RotatingFileSink sink = new RotatingFileSink(file, 100, 3);
    for (int i = 0; i < 20; i++) {
      RotatingFileSinkTest.accept(sink, "x".repeat(40) + i);
    }
    sink.close();
    assertTrue(Files.exists(file));
    assertTrue(Files.exists(tmp.resolve("d.log.1")));
    assertTrue(Files.exists(tmp.resolve("d.log.2")));
    assertFalse(Files.exists(tmp.resolve("d.log.3")));
    assertTrue(Files.size(file) <= 100);
    assertTrue(Files.readString(file).endsWith("19\n"), "newest events in the live file");
    assertTrue(Files.readString(tmp.resolve("d.log.1")).contains("x17\n"));
  }
}
