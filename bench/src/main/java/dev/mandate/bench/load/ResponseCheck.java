package dev.mandate.bench.load;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Decides whether a response is a success. A load benchmark that does not look at its answers
 * measures how fast a server can fail, so every response is checked.
 */
@FunctionalInterface
public interface ResponseCheck {
  boolean accepts(int status, Buffer body);

  /** Status 200 and a body that contains {@code fragment} verbatim. */
  static ResponseCheck ok(String fragment) {
    byte[] needle = fragment.getBytes(StandardCharsets.UTF_8);
    return (status, body) -> status == 200 && contains(body, needle);
  }

  private static boolean contains(Buffer body, byte[] needle) {
    int last = body.length() - needle.length;
    outer:
    for (int i = 0; i <= last; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (body.getByte(i + j) != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return needle.length == 0;
  }
}
