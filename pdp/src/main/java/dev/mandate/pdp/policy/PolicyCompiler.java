package dev.mandate.pdp.policy;

import dev.mandate.rego.Policy;
import dev.mandate.rego.Rego;
import dev.mandate.rego.RegoError;
import dev.mandate.rego.RegoException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a {@link PolicyBundle} into a compiled {@link Policy}, or reports every problem. */
public final class PolicyCompiler {
  private PolicyCompiler() {}

  public static Policy compile(PolicyBundle bundle) {
    DataDocument data = new DataDocument();
    Map<String, String> modules = new LinkedHashMap<>();
    for (PolicyFile f : bundle.files()) {
      if (f.isRego()) {
        modules.put(f.path(), new String(f.content(), StandardCharsets.UTF_8));
      } else {
        data.add(f);
      }
    }
    List<String> problems = new ArrayList<>(data.problems());
    if (!problems.isEmpty()) {
      throw new PolicyLoadException(problems);
    }
    try {
      return Rego.builder().modules(modules).data(data.root()).compile();
    } catch (RegoException e) {
      for (RegoError err : e.errors()) {
        problems.add(err.toString());
      }
      if (problems.isEmpty()) {
        problems.add(e.getMessage());
      }
      throw new PolicyLoadException(problems);
    } catch (RuntimeException e) {
      // The engine is one component among several; whatever it throws, a reload must be
      // rejected cleanly rather than take the watcher thread down.
      throw new PolicyLoadException(List.of("compile failed: " + e));
    }
  }
}
