package dev.mandate.rego.eval;

import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.Policy;
import dev.mandate.rego.QueryResult;
import dev.mandate.rego.Rego;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.Value;
import java.util.List;

/** Small helpers for engine tests: compile a module, evaluate a query, read one binding. */
final class EngineTestSupport {
  private EngineTestSupport() {}

  static Policy policy(String... modules) {
    return policyWithData("{}", modules);
  }

  static Policy policyWithData(String dataJson, String... modules) {
    Rego.Builder b = Rego.builder().data((ObjectValue) Json.parse(dataJson));
    for (int i = 0; i < modules.length; i++) {
      b.module("test-" + i + ".rego", modules[i]);
    }
    return b.compile();
  }

  /** The value of {@code x} in the only row of {@code query}, or null when undefined. */
  static Value eval(Policy p, String query, String inputJson) {
    List<QueryResult> rs = rows(p, query, inputJson);
    if (rs.isEmpty()) {
      return null;
    }
    if (rs.size() != 1) {
      throw new AssertionError("expected one row, got " + rs);
    }
    return rs.get(0).bindings().get("x");
  }

  static List<QueryResult> rows(Policy p, String query, String inputJson) {
    EvalOptions opts = EvalOptions.defaults();
    if (inputJson != null) {
      opts = opts.input(Json.parse(inputJson));
    }
    return p.prepare(query).eval(opts);
  }

  static Value json(String s) {
    return Json.parse(s);
  }
}
