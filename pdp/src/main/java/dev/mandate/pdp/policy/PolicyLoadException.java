package dev.mandate.pdp.policy;

import java.util.List;

/**
 * A policy directory that could not be turned into a policy. Each problem reads
 * {@code file:line:col: code: message} for Rego errors, or {@code file: message} for data files.
 */
public final class PolicyLoadException extends RuntimeException {
  private final List<String> problems;

  public PolicyLoadException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
