package dev.mandate.rego.plan;

import dev.mandate.rego.ast.Location;
import dev.mandate.rego.builtins.Builtin;
import dev.mandate.rego.value.Value;

/**
 * A compiled term: the form the evaluator runs. Names are resolved (local variables are frame
 * slots, rule references start at {@link Root#DATA}), constants are pre-built values, and calls
 * know their target.
 */
public sealed interface PTerm {

  /** A ground value known at compile time. */
  record Const(Value value) implements PTerm {}

  /** A local variable, stored in slot {@code slot} of the rule's frame. */
  record Local(int slot, String name, boolean generated) implements PTerm {}

  /** Where a reference starts. */
  enum Root {
    /** {@code input...} */
    INPUT,
    /** {@code data...}: base documents merged with rules. */
    DATA,
    /** Any other term: a local variable, a composite literal, a call. */
    TERM
  }

  /**
   * A reference. For {@link Root#TERM}, {@code head} is the term the path applies to; otherwise
   * head is null.
   */
  record Ref(Root root, PTerm head, PTerm[] path, Location location) implements PTerm {}

  record ArrayLit(PTerm[] items) implements PTerm {}

  record SetLit(PTerm[] items) implements PTerm {}

  record ObjectLit(PTerm[] keys, PTerm[] values) implements PTerm {}

  record ArrayCompr(PTerm head, PBody body) implements PTerm {}

  record SetCompr(PTerm head, PBody body) implements PTerm {}

  record ObjectCompr(PTerm key, PTerm value, PBody body) implements PTerm {}

  /**
   * A call of a built-in or a user function. {@code name} is how {@code with} mocks address the
   * target: the built-in's name, or {@code data.pkg.f} for functions.
   */
  record Call(String name, Builtin builtin, DocNode function, PTerm[] args, Location location)
      implements PTerm {}
}
