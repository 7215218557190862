package dev.mandate.pdp.decisionlog;

import dev.mandate.pdp.config.PdpConfig;
import dev.mandate.rego.value.JsonBytes;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * Writes decision events off the request path. Requests only {@link #log offer} an event to a
 * bounded queue, which never blocks: when the queue is full the event is dropped and the drop is
 * counted and reported. The queue is bounded twice: by its number of events, and by the memory
 * they hold, as {@link #weight} estimates it, so that a flood of large requests outpacing the
 * writer cannot exhaust the heap. A single writer thread masks, encodes and hands events to
 * every sink, so sinks need no locking. {@link #close()} stops intake, drains the queue and
 * flushes every sink.
 */
public final class DecisionLogger implements AutoCloseable {
  private static final Logger LOG = System.getLogger(DecisionLogger.class.getName());
  private static final long POLL_MILLIS = 100;
  /**
   * After writing a batch the writer pauses this long before draining the queue again, so that
   * under load events are written many per flush and requests seldom have to wake the writer
   * (a wake-up is a system call on the request's thread). An event waits at most this much
   * longer to reach the sinks.
   */
  private static final long LINGER_NANOS = 2_000_000;
  private static final long DROP_WARNING_INTERVAL_NANOS = 10_000_000_000L;
  private static final int LINE_BUFFER_SIZE = 4096;
  /** A buffer grown past this by one large event is dropped after it, not kept for good. */
  private static final int LINE_BUFFER_KEEP_MAX = 256 * 1024;

  /** Drop reasons, the label values of the drop counter. */
  public static final String QUEUE_FULL = "queue_full";
  public static final String SINK_ERROR = "sink_error";
  public static final String SHUTDOWN = "shutdown";

  private final ArrayBlockingQueue<DecisionEvent> queue;
  private final long maxQueuedBytes;
  /** The {@link #weight} of the events queued and not yet written. */
  private final AtomicLong queuedBytes = new AtomicLong();
  private final EventEncoder encoder;
  private final List<DecisionLogSink> sinks;
  private final Runnable onWritten;
  private final BiConsumer<String, Long> onDropped;
  private final Thread writer;
  /** The writer thread's one buffer, reused for every event (sinks copy what they keep). */
  private JsonBytes lineBuffer = new JsonBytes(LINE_BUFFER_SIZE);
  private final boolean enabled;
  private volatile boolean closing;
  private volatile long lastDropWarning = System.nanoTime() - DROP_WARNING_INTERVAL_NANOS;

  /** A logger whose queued events may hold the service's default memory budget. */
  public DecisionLogger(int queueSize, EventEncoder encoder, List<DecisionLogSink> sinks,
      Runnable onWritten, BiConsumer<String, Long> onDropped) {
    this(queueSize, PdpConfig.DecisionLog.DEFAULT_QUEUE_MAX_BYTES, encoder, sinks, onWritten,
        onDropped);
  }

  /** A logger whose queued events may hold at most about {@code maxQueuedBytes}. */
  public DecisionLogger(int queueSize, long maxQueuedBytes, EventEncoder encoder,
      List<DecisionLogSink> sinks, Runnable onWritten, BiConsumer<String, Long> onDropped) {
    this.queue = new ArrayBlockingQueue<>(queueSize);
    this.maxQueuedBytes = maxQueuedBytes;
    this.encoder = encoder;
    this.sinks = List.copyOf(sinks);
    this.onWritten = onWritten;
    this.onDropped = onDropped;
    this.enabled = true;
    this.writer = Thread.ofPlatform().name("decision-log-writer").daemon(true)
        .unstarted(this::run);
  }

  private DecisionLogger() {
    this.queue = new ArrayBlockingQueue<>(1);
    this.maxQueuedBytes = 0;
    this.encoder = null;
    this.sinks = List.of();
    this.onWritten = () -> {};
    this.onDropped = (r, n) -> {};
    this.enabled = false;
    this.writer = Thread.ofPlatform().unstarted(() -> {});
  }

  /** A logger that discards every event, for {@code decision_log.enabled: false}. */
  public static DecisionLogger disabled() {
    return new DecisionLogger();
  }

  public void start() {
    if (enabled) {
      writer.start();
    }
  }

  /**
   * Queues an event; returns false (and counts a drop) if the queue is full or closed, or the
   * events already queued hold their whole memory budget. An event alone in the queue is taken
   * whatever its size.
   */
  public boolean log(DecisionEvent event) {
    if (!enabled) {
      return true;
    }
    long w = weight(event);
    long queued = queuedBytes.addAndGet(w);
    if (!closing && (queued <= maxQueuedBytes || queued == w) && queue.offer(event)) {
      return true;
    }
    queuedBytes.addAndGet(-w);
    drop(QUEUE_FULL, 1);
    return false;
  }

  /**
   * The memory an event holds until it is written, roughly: a kilobyte for the event itself, the
   * result's encoding, and four times the request body, for its text and the values parsed from
   * it (a parsed document takes several times its text).
   */
  static long weight(DecisionEvent e) {
    return 1024 + 4 * e.requestBytes() + (e.resultJson() == null ? 0 : e.resultJson().length);
  }

  public int queueDepth() {
    return queue.size();
  }

  /** The {@link #weight} of the events queued and not yet written. */
  public long queuedBytes() {
    return queuedBytes.get();
  }

  private void drop(String reason, long n) {
    onDropped.accept(reason, n);
    long now = System.nanoTime();
    if (now - lastDropWarning >= DROP_WARNING_INTERVAL_NANOS) {
      lastDropWarning = now;
      LOG.log(Level.WARNING, "decision log dropped {0} event(s): {1} (see "
          + "mandate_pdp_decision_log_dropped_total)", n, reason);
    }
  }

  private void run() {
    List<DecisionEvent> batch = new ArrayList<>();
    while (true) {
      boolean stopping = closing;
      try {
        DecisionEvent first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, 4096);
        }
      } catch (InterruptedException e) {
        stopping = true;
      }
      boolean wrote = !batch.isEmpty();
      for (DecisionEvent e : batch) {
        write(e);
        queuedBytes.addAndGet(-weight(e));
      }
      batch.clear();
      flush(false);
      if (stopping && queue.isEmpty()) {
        break;
      }
      if (wrote && !stopping) {
        LockSupport.parkNanos(LINGER_NANOS);
      }
    }
    flush(true);
    for (DecisionLogSink s : sinks) {
      try {
        s.close();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "closing decision log sink failed: {0}", e.getMessage());
      }
    }
  }

  private void write(DecisionEvent e) {
    JsonBytes line;
    try {
      line = encoder.encode(e, lineBuffer.reset());
    } catch (RuntimeException ex) {
      LOG.log(Level.ERROR, "decision {0} could not be encoded: {1}", e.decisionId(), ex);
      drop(SINK_ERROR, 1);
      return;
    }
    boolean ok = true;
    for (DecisionLogSink s : sinks) {
      try {
        s.accept(line.buffer(), line.length());
      } catch (RuntimeException ex) {
        ok = false;
        LOG.log(Level.ERROR, "decision log write failed: {0}", ex.getMessage());
        drop(SINK_ERROR, 1);
      }
    }
    if (line.buffer().length > LINE_BUFFER_KEEP_MAX) {
      lineBuffer = new JsonBytes(LINE_BUFFER_SIZE);
    }
    if (ok) {
      onWritten.run();
    }
  }

  private void flush(boolean force) {
    for (DecisionLogSink s : sinks) {
      try {
        s.flush(force);
      } catch (RuntimeException ex) {
        LOG.log(Level.ERROR, "decision log flush failed: {0}", ex.getMessage());
      }
    }
  }

  /** Stops taking events, writes every queued one and flushes the sinks; waits up to 30 s. */
  @Override
  public void close() {
    closing = true;
    try {
      writer.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int left = queue.size();
    if (left > 0) {
      drop(SHUTDOWN, left);
    }
  }
}
