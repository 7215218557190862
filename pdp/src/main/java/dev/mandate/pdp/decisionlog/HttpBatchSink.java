package dev.mandate.pdp.decisionlog;

import dev.mandate.pdp.config.PdpConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.zip.GZIPOutputStream;

/**
 * Uploads events to an OPA-compatible decision log receiver: batches POSTed as a gzipped JSON
 * array ({@code Content-Encoding: gzip}), as OPA's decision log plugin does. A batch goes out when
 * {@code batch_size} events are waiting or {@code flush_interval} has passed. A failed upload is
 * retried at the next flush; while the receiver is down, at most {@code max_buffered} events are
 * kept and older ones are dropped and reported through {@code onDrop}.
 */
public final class HttpBatchSink implements DecisionLogSink {
  private static final Logger LOG = System.getLogger(HttpBatchSink.class.getName());

  private final PdpConfig.HttpSink config;
  private final LongConsumer onDrop;
  private final HttpClient client;
  private final ArrayDeque<byte[]> buffer = new ArrayDeque<>();
  private long lastAttemptNanos = System.nanoTime();

  public HttpBatchSink(PdpConfig.HttpSink config, LongConsumer onDrop) {
    this.config = config;
    this.onDrop = onDrop;
    this.client = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
  }

  @Override
  public void accept(byte[] line, int length) {
    buffer.addLast(Arrays.copyOf(line, length)); // kept until uploaded
    if (buffer.size() > config.maxBuffered()) {
      buffer.removeFirst();
      onDrop.accept(1);
    }
  }

  @Override
  public void flush(boolean force) {
    boolean due = System.nanoTime() - lastAttemptNanos >= config.flushInterval().toNanos();
    while (!buffer.isEmpty() && (force || due || buffer.size() >= config.batchSize())) {
      lastAttemptNanos = System.nanoTime();
      List<byte[]> batch = new ArrayList<>(Math.min(buffer.size(), config.batchSize()));
      for (byte[] line : buffer) {
        if (batch.size() == config.batchSize()) {
          break;
        }
        batch.add(line);
      }
      if (!send(batch)) {
        if (force) {
          onDrop.accept(buffer.size());
          LOG.log(Level.ERROR, "decision log upload failed at shutdown; {0} events dropped",
              buffer.size());
          buffer.clear();
        }
        return;
      }
      for (int i = 0; i < batch.size(); i++) {
        buffer.removeFirst();
      }
      due = false;
    }
  }

  private boolean send(List<byte[]> batch) {
    try {
      HttpRequest req = HttpRequest.newBuilder(config.url())
          .timeout(config.timeout())
          .header("Content-Type", "application/json")
          .header("Content-Encoding", "gzip")
          .POST(HttpRequest.BodyPublishers.ofByteArray(gzipArray(batch)))
          .build();
      HttpResponse<Void> resp = client.send(req, HttpResponse.BodyHandlers.discarding());
      if (resp.statusCode() / 100 == 2) {
        return true;
      }
      LOG.log(Level.WARNING, "decision log upload to {0} returned HTTP {1}; will retry",
          config.url(), resp.statusCode());
      return false;
    } catch (IOException e) {
      LOG.log(Level.WARNING, "decision log upload to {0} failed: {1}; will retry", config.url(),
          e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The events as one gzipped JSON array. */
  private static byte[] gzipArray(List<byte[]> batch) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write('[');
      for (int i = 0; i < batch.size(); i++) {
        if (i > 0) {
          gz.write(',');
        }
        gz.write(batch.get(i));
      }
      gz.write(']');
    }
    return bytes.toByteArray();
  }

  @Override
  public void close() {
    client.close();
  }
}
