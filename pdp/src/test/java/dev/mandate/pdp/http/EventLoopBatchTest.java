package dev.mandate.pdp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.pdp.support.Policies;
import dev.mandate.pdp.support.TestPdp;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests an event loop works on together ({@link EventLoopBatch}) still get each their own
 * answer, in order, and none is lost: over many concurrent connections, and over one connection
 * that pipelines its requests.
 */
class EventLoopBatchTest {
  private static final String EXCHANGE = "/v1/exchange/decisions";
  private static final Pattern BATCH_BUCKET_1 =
      Pattern.compile("mandate_pdp_event_loop_batch_size_bucket\\{le=\"1\"} (\\d+)");
  private static final Pattern BATCH_COUNT =
      Pattern.compile("mandate_pdp_event_loop_batch_size_count (\\d+)");

  @TempDir static Path tmp;
  static TestPdp pdp;

  @BeforeAll
  static void start() {
    pdp = TestPdp.start(tmp, Map.of("mandate/exchange.rego", Policies.EXCHANGE));
  }

  @AfterAll
  static void stop() {
    pdp.close();
  }

  /** A permit whose grant names {@code subject}; a deny for any other audience than "api". */
  private static String input(String subject, boolean permit) {
    return "{\"request\": {\"audience\": \"" + (permit ? "api" : "other") + "\"}, "
        + "\"subject_token\": {\"sub\": \"" + subject + "\"}}";
  }

  @Test
  void concurrentRequestsEachGetTheirOwnDecision() throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI uri = pdp.uri(EXCHANGE);
    // Waves of concurrent requests until an event loop has worked on several at once, which on
    // loopback happens in the first wave or two; every answer is checked either way.
    int waves = 0;
    do {
      List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(input("s" + waves + "-" + i, i % 3 != 0)))
            .build();
        sent.add(client.sendAsync(req, HttpResponse.BodyHandlers.ofString()));
      }
      for (int i = 0; i < sent.size(); i++) {
        HttpResponse<String> r = sent.get(i).get();
        assertEquals(200, r.statusCode(), r.body());
        ObjectValue decision = (ObjectValue) TestPdp.json(r);
        if (i % 3 != 0) {
          ObjectValue grant = (ObjectValue) decision.get("grant");
          assertEquals(StringValue.of("s" + waves + "-" + i), grant.get("subject"), r.body());
        } else {
          assertEquals(BooleanValue.FALSE, decision.get("allow"), r.body());
          assertNull(decision.get("grant"), r.body());
        }
      }
      waves++;
    } while (batchesOfOne() == batches() && waves < 20);
    assertTrue(batchesOfOne() < batches(),
        "no event loop worked on two requests at once in " + waves + " waves of 64");
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    int n = 8;
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < n; i++) {
      byte[] body = input("p" + i, true).getBytes(StandardCharsets.UTF_8);
      requests.append("POST ").append(EXCHANGE).append(" HTTP/1.1\r\n")
          .append("Host: 127.0.0.1\r\n")
          .append("Content-Type: application/json\r\n")
          .append("Content-Length: ").append(body.length).append("\r\n\r\n")
          .append(new String(body, StandardCharsets.UTF_8));
    }
    try (Socket socket = new Socket("127.0.0.1", pdp.pdp.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(requests.toString().getBytes(StandardCharsets.UTF_8)); // all in one write
      out.flush();
      InputStream in = socket.getInputStream();
      for (int i = 0; i < n; i++) {
        String body = readResponseBody(in);
        ObjectValue grant = (ObjectValue) ((ObjectValue) Json.parse(body)).get("grant");
        assertEquals(StringValue.of("p" + i), grant.get("subject"), "response " + i + ": " + body);
      }
    }
  }

  /** Reads one HTTP/1.1 response with a Content-Length and returns its body; status must be 200. */
  private static String readResponseBody(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed in a response's head: " + head);
      }
      head.write(b);
    }
    String headers = head.toString(StandardCharsets.ISO_8859_1);
    assertTrue(headers.startsWith("HTTP/1.1 200"), headers);
    Matcher m = Pattern.compile("(?i)content-length: *(\\d+)").matcher(headers);
    assertTrue(m.find(), headers);
    byte[] body = in.readNBytes(Integer.parseInt(m.group(1)));
    return new String(body, StandardCharsets.UTF_8);
  }

  private static long batches() {
    return metric(BATCH_COUNT);
  }

  private static long batchesOfOne() {
    return metric(BATCH_BUCKET_1);
  }

  private static long metric(Pattern p) {
    String text = pdp.get("/metrics").body();
    Matcher m = p.matcher(text);
    assertTrue(m.find(), text);
    return Long.parseLong(m.group(1));
  }
}
