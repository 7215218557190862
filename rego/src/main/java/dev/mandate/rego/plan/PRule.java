package dev.mandate.rego.plan;

import dev.mandate.rego.ast.Location;

/**
 * A compiled rule (or one link of an else chain).
 *
 * <p>{@code keyPath} holds the head's reference segments below the {@link DocNode} the rule
 * sits on: empty for {@code p := v} and {@code p contains v}; {@code [k]} for {@code p[k] := v};
 * {@code [q, "r"]} for {@code p[q].r := v}.
 */
public final class PRule {
  public final Location location;
  public final int frameSize;
  public final PTerm[] params;
  public final PTerm[] keyPath;
  public final PTerm value;
  public final boolean contains;
  public final PBody body;
  public final PRule elseRule;
  public final boolean isDefault;
  /** True when the value is a constant: one solution of the body is enough to know it. */
  public final boolean constantValue;
  /** True for functions whose parameters are all variables or constants (no patterns). */
  public final boolean simpleParams;

  public PRule(Location location, int frameSize, PTerm[] params, PTerm[] keyPath, PTerm value,
      boolean contains, PBody body, PRule elseRule, boolean isDefault) {
    this.location = location;
    this.frameSize = frameSize;
    this.params = params;
    this.keyPath = keyPath;
    this.value = value;
    this.contains = contains;
    this.body = body;
    this.elseRule = elseRule;
    this.isDefault = isDefault;
    boolean constKeys = true;
    for (PTerm k : keyPath) {
      constKeys &= k instanceof PTerm.Const;
    }
    this.constantValue = value instanceof PTerm.Const && constKeys;
    boolean simple = params != null;
    if (params != null) {
      for (PTerm p : params) {
        simple &= p instanceof PTerm.Local || p instanceof PTerm.Const;
      }
    }
    this.simpleParams = simple;
  }

  public boolean isFunction() {
    return params != null;
  }
}
