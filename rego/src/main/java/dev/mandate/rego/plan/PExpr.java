package dev.mandate.rego.plan;

import dev.mandate.rego.ast.Location;
import dev.mandate.rego.value.Value;

/** A compiled expression. */
public record PExpr(Location location, boolean negated, Node node, PWith[] withs, String text) {
  /** The modifiers of an expression without any, shared. */
  public static final PWith[] NO_WITHS = new PWith[0];

  /** What the expression does. */
  public sealed interface Node {}

  /**
   * True unless the term is false or undefined. With {@code capture} (a query's top-level
   * non-call term, as OPA's query compiler rewrites them) any value, false included, is true, so
   * that {@code data.x} reports {@code false} rather than nothing. {@code captureSlot}, for a
   * query's top-level expressions, is the frame slot that receives the term's value when the
   * expression succeeds, under its {@code with} modifiers, so the query can report it (as OPA
   * captures each expression's value in a generated variable); -1 elsewhere.
   */
  public record TermNode(PTerm term, boolean capture, int captureSlot) implements Node {
    public TermNode(PTerm term) {
      this(term, false, -1);
    }
  }

  /** Unification (also what {@code :=} compiles to once scoping is checked). */
  public record UnifyNode(PTerm left, PTerm right) implements Node {}

  /** {@code some key, value in collection}; key may be null. */
  public record SomeInNode(PTerm key, PTerm value, PTerm collection) implements Node {}

  /** {@code every key, value in domain { body }}; key may be null. */
  public record EveryNode(PTerm.Local key, PTerm.Local value, PTerm domain, PBody body) implements Node {}

  /** A {@code with} modifier. */
  public sealed interface PWith {
    PTerm value();
  }

  /** {@code with input.a.b as v}: path below input (possibly empty). */
  public record WithInput(Value[] path, PTerm value) implements PWith {}

  /** {@code with data.a.b as v}. */
  public record WithData(Value[] path, PTerm value) implements PWith {}

  /**
   * {@code with f as g}: replaces the built-in or function named {@code target}. The
   * replacement is either a function ({@code replacement} non-null) or a value term.
   */
  public record WithFunction(String target, PTerm.Call replacement, PTerm value) implements PWith {}
}
