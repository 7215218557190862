package dev.mandate.bench.load;

import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What the generator sends and how it judges the answer: POSTs to one URL with fixed headers and
 * a body taken in turn from a list (request {@code i} sends body {@code i % size}, so a server
 * that caches by request content cannot answer from a cache), and a check every response must
 * pass to count as a success (anything else is an error).
 *
 * @param name a label for reports ("bare", "pdp", "sts")
 * @param host host to connect to
 * @param port port to connect to
 * @param path request path
 * @param headers request headers, {@code Content-Type} included
 * @param bodies the request bodies, used round-robin; at least one
 * @param check what a correct response looks like
 */
public record LoadTarget(String name, String host, int port, String path,
    Map<String, String> headers, List<Buffer> bodies, ResponseCheck check) {

  public LoadTarget {
    headers = Map.copyOf(headers);
    bodies = List.copyOf(bodies);
    if (bodies.isEmpty()) {
      throw new IllegalArgumentException("a load target needs at least one body");
    }
  }

  /** One JSON body for every request. */
  public static LoadTarget of(String name, URI url, byte[] body, ResponseCheck check) {
    return of(name, url, Map.of("Content-Type", "application/json"),
        List.of(Buffer.buffer(body)), check);
  }

  public static LoadTarget of(String name, URI url, Map<String, String> headers,
      List<Buffer> bodies, ResponseCheck check) {
    int port = url.getPort() != -1 ? url.getPort() : 80;
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    if (url.getRawQuery() != null) {
      path += "?" + url.getRawQuery();
    }
    return new LoadTarget(name, url.getHost(), port, path, headers, bodies, check);
  }

  /** The body of the request with sequence number {@code sequence}. */
  public Buffer body(long sequence) {
    return bodies.get((int) Math.floorMod(sequence, (long) bodies.size()));
  }
}
