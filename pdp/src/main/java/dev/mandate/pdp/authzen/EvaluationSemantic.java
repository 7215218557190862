package dev.mandate.pdp.authzen;

import dev.mandate.pdp.validation.InvalidInputException;

/** How a batch of evaluations is executed ({@code options.evaluations_semantic}). */
public enum EvaluationSemantic {
  /** Evaluate every item and return every decision (the default). */
  EXECUTE_ALL("execute_all"),
  /** Stop after the first item that is denied (or fails); like {@code &&}. */
  DENY_ON_FIRST_DENY("deny_on_first_deny"),
  /** Stop after the first item that is permitted; like {@code ||}. */
  PERMIT_ON_FIRST_PERMIT("permit_on_first_permit");

  private final String wireName;

  EvaluationSemantic(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static EvaluationSemantic parse(String s) {
    for (EvaluationSemantic e : values()) {
      if (e.wireName.equals(s)) {
        return e;
      }
    }
    throw new InvalidInputException("options.evaluations_semantic must be one of execute_all, "
        + "deny_on_first_deny, permit_on_first_permit; got \"" + s + "\"");
  }

  /** True if a batch with this semantic stops after an item with this decision. */
  public boolean stopsAfter(boolean decision) {
    return switch (this) {
      case EXECUTE_ALL -> false;
      case DENY_ON_FIRST_DENY -> !decision;
      case PERMIT_ON_FIRST_PERMIT -> decision;
    };
  }
}
