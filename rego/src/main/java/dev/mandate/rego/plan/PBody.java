package dev.mandate.rego.plan;

/** A compiled, safety-ordered body: its expressions in the order they must run. */
public record PBody(PExpr[] exprs) {
  public static final PBody EMPTY = new PBody(new PExpr[0]);
}
