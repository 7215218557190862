package dev.mandate.rego.conformance;

import dev.mandate.rego.value.SetValue;

/** Judges an {@link Observed} outcome against what a case wants. */
final class Expectation {
  private Expectation() {}

  /** Null when the outcome matches; otherwise the reason it does not. */
  static String mismatch(ConformanceCase c, Observed observed) {
    if (c.expectsError()) {
      if (observed instanceof Observed.EngineError err) {
        if (c.wantErrorCode() != null && !err.codes().contains(c.wantErrorCode())) {
          return "wrong error code";
        }
        if (c.wantError() != null && !err.message().contains(c.wantError())) {
          return "error message lacks the expected text";
        }
        return null;
      }
      return observed instanceof Observed.Rows ? "expected an error, got a result" : "crashed";
    }
    return switch (observed) {
      case Observed.Rows r -> {
        SetValue want = ResultRows.expected(c.wantResult(), c.sortBindings());
        yield ResultRows.matches(want, r.rows()) ? null : "wrong result";
      }
      case Observed.EngineError e -> "unexpected error";
      case Observed.Crash x -> "crashed";
    };
  }

  static String describeExpected(ConformanceCase c) {
    if (c.expectsError()) {
      StringBuilder sb = new StringBuilder("error");
      if (c.wantErrorCode() != null) {
        sb.append(" code ").append(c.wantErrorCode());
      }
      if (c.wantError() != null) {
        sb.append(c.wantErrorCode() != null ? " and" : "").append(" message containing \"")
            .append(c.wantError()).append('"');
      }
      return sb.toString();
    }
    return ResultRows.describe(ResultRows.expected(c.wantResult(), c.sortBindings()));
  }

  static String describe(Observed observed) {
    return switch (observed) {
      case Observed.Rows r -> ResultRows.describe(r.rows());
      case Observed.EngineError e -> "error " + String.join(",", e.codes()) + ": " + e.message();
      case Observed.Crash x -> "crash: " + x.description();
    };
  }
}
