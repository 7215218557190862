package dev.mandate.sts.token;

/**
 * Measures how deeply a JSON text nests, without parsing it, so a hostile token's claims (a
 * "JSON bomb" of thousands of nested arrays) are refused before any parser recurses into them.
 */
public final class JsonNesting {
  private JsonNesting() {}

  /** The maximum depth of {@code [} / {@code {} nesting outside strings. */
  public static int depth(String json) {
    int depth = 0;
    int max = 0;
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '[' || c == '{') {
        max = Math.max(max, ++depth);
      } else if (c == ']' || c == '}') {
        depth--;
      }
    }
    return max;
  }
}
