package dev.mandate.bench.load;

import io.vertx.core.buffer.Buffer;
import java.net.URI;

/**
 * What the generator sends and how it judges the answer: one POST with a fixed body to one URL,
 * and a check every response must pass to count as a success (anything else is an error).
 *
 * @param name a label for reports ("bare", "pdp")
 * @param host host to connect to
 * @param port port to connect to
 * @param path request path
 * @param body the request body, sent as {@code application/json}
 * @param check what a correct response looks like
 */
public record LoadTarget(String name, String host, int port, String path, Buffer body,
    ResponseCheck check) {

  public static LoadTarget of(String name, URI url, byte[] body, ResponseCheck check) {
    int port = url.getPort() != -1 ? url.getPort() : 80;
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    if (url.getRawQuery() != null) {
      path += "?" + url.getRawQuery();
    }
    return new LoadTarget(name, url.getHost(), port, path, Buffer.buffer(body), check);
  }
}
