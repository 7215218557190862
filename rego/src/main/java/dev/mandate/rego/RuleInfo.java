package dev.mandate.rego;

import dev.mandate.rego.ast.Location;
import java.util.List;

/**
 * A rule as seen from outside the engine: its full path below {@code data} (package path plus
 * the rule's name segments), and where it was defined. Used by the test runner to find
 * {@code test_*} rules.
 */
public record RuleInfo(List<String> path, Location location, boolean isFunction) {
  public RuleInfo {
    path = List.copyOf(path);
  }

  /** {@code data.a.b.name}. */
  public String ref() {
    return "data." + String.join(".", path);
  }

  /** The last path segment. */
  public String name() {
    return path.get(path.size() - 1);
  }
}
