package dev.mandate.rego.conformance;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.RegoError;
import dev.mandate.rego.RegoException;
import dev.mandate.rego.value.SetValue;
import java.util.List;

/** What running a case produced: rows, an engine error with codes, or a crash of any other kind. */
sealed interface Observed {

  /** The query's result rows (empty: undefined). */
  record Rows(SetValue rows) implements Observed {}

  /**
   * An error the engine reported deliberately. {@code codes} holds every code it carries (a
   * compile failure may list several); {@code message} is the full text, as OPA's
   * {@code err.Error()} gives it, which {@code want_error} is matched against.
   */
  record EngineError(List<String> codes, String message) implements Observed {
    static EngineError of(RegoException e) {
      List<String> codes = e.errors().stream().map(RegoError::code).distinct().toList();
      return new EngineError(codes.isEmpty() ? List.of(e.code()) : codes, e.getMessage());
    }

    static EngineError of(EvalException e) {
      return new EngineError(List.of(e.code()), e.getMessage());
    }
  }

  /** Anything else: a bug in the engine (or a case that outlived its deadline). */
  record Crash(String description) implements Observed {}
}
