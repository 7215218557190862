package dev.mandate.pdp.support;

import static org.junit.jupiter.api.Assertions.fail;

import dev.mandate.pdp.Pdp;
import dev.mandate.pdp.config.PdpConfig;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * A decision service on a free port over a temporary policy directory, with a plain JDK HTTP
 * client. Everything goes over real HTTP.
 */
public final class TestPdp implements AutoCloseable {
  public final Path root;
  public final Path policies;
  public final Path logFile;
  public final Pdp pdp;
  private final HttpClient client = HttpClient.newHttpClient();

  private TestPdp(Path root, Path policies, Path logFile, Pdp pdp) {
    this.root = root;
    this.policies = policies;
    this.logFile = logFile;
    this.pdp = pdp;
  }

  /** Writes {@code files} (relative path to content) and starts a service over them. */
  public static TestPdp start(Path tmp, Map<String, String> files,
      UnaryOperator<PdpConfig> customize) {
    Path policies = tmp.resolve("policies");
    writeAll(policies, files);
    Path log = tmp.resolve("logs").resolve("decisions.log");
    PdpConfig base = PdpConfig.defaults();
    PdpConfig cfg = base
        .withServer(new PdpConfig.Server("127.0.0.1", 0, base.server().bodyLimitBytes(), ""))
        .withPolicies(new PdpConfig.Policies(policies, true, Duration.ofMillis(50)))
        .withDecisionLog(new PdpConfig.DecisionLog(true, log, 1024 * 1024, 3, 1000, List.of(),
            null, Map.of("id", "test-instance")));
    return new TestPdp(tmp, policies, log, Pdp.start(customize.apply(cfg)));
  }

  public static TestPdp start(Path tmp, Map<String, String> files) {
    return start(tmp, files, c -> c);
  }

  public static void writeAll(Path dir, Map<String, String> files) {
    files.forEach((path, content) -> write(dir.resolve(path), content));
  }

  public static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + pdp.port() + path);
  }

  public HttpResponse<String> post(String path, String body) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  public HttpResponse<String> send(HttpRequest req) {
    try {
      return client.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static Value json(HttpResponse<String> r) {
    return Json.parse(r.body());
  }

  /** The decision log's lines as JSON, waiting until there are at least {@code n}. */
  public List<Value> logEvents(int n) {
    waitFor(() -> lines().size() >= n, "at least " + n + " decision log lines");
    List<Value> out = new ArrayList<>();
    for (String line : lines()) {
      out.add(Json.parse(line));
    }
    return out;
  }

  private List<String> lines() {
    try {
      return Files.exists(logFile) ? Files.readAllLines(logFile) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void waitFor(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    fail("timed out waiting for " + what);
  }

  @Override
  public void close() {
    pdp.close();
  }
}
