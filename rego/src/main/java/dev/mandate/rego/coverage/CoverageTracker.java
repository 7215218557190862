package dev.mandate.rego.coverage;

import dev.mandate.rego.ast.Location;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records the source lines evaluation reached: each expression evaluated, and each rule head
 * whose body produced a value. Share one tracker across the evaluations to be measured (a test
 * run); it is safe to use from several threads.
 */
public final class CoverageTracker {
  private final Map<String, Set<Integer>> hits = new ConcurrentHashMap<>();

  public void hit(Location location) {
    if (location == null || location.line() <= 0) {
      return;
    }
    hits.computeIfAbsent(location.file(), f -> ConcurrentHashMap.newKeySet()).add(location.line());
  }

  /** The lines reached in {@code file}, ascending. */
  public Set<Integer> lines(String file) {
    Set<Integer> s = hits.get(file);
    return s == null ? Set.of() : new TreeSet<>(s);
  }
}
