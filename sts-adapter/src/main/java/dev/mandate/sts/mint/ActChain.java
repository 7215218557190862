package dev.mandate.sts.mint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code act} claim (RFC 8693 §4.1): the current actor's {@code sub}, with the previous
 * actor nested under its own {@code act}, newest outermost.
 */
public final class ActChain {
  static final int MAX_DEPTH = 16;

  private ActChain() {}

  /** True if every level is an object with a string {@code sub}, at most MAX_DEPTH deep. */
  public static boolean isValid(Map<String, Object> act) {
    return !actors(act).isEmpty();
  }

  /** The actors' subjects, newest first; empty if the chain is malformed. */
  public static List<String> actors(Map<?, ?> act) {
    List<String> out = new ArrayList<>();
    Object level = act;
    while (level != null) {
      if (!(level instanceof Map<?, ?> m) || !(m.get("sub") instanceof String sub)
          || out.size() >= MAX_DEPTH) {
        return List.of();
      }
      out.add(sub);
      level = m.get("act");
    }
    return out;
  }
}
