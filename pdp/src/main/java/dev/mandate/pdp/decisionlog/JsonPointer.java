package dev.mandate.pdp.decisionlog;

import java.util.ArrayList;
import java.util.List;

/** RFC 6901 pointers: parsing into reference tokens and escaping tokens back into text. */
final class JsonPointer {
  private JsonPointer() {}

  static List<String> parse(String pointer) {
    if (!pointer.startsWith("/")) {
      throw new IllegalArgumentException("a JSON pointer starts with /: " + pointer);
    }
    List<String> tokens = new ArrayList<>();
    for (String raw : pointer.substring(1).split("/", -1)) {
      tokens.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    return tokens;
  }

  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
