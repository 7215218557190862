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

  /**
   * True when the term has at most one value whatever the bindings: no reference segment is a
   * variable (which may be unbound, and then iterates), and no call is a relation or
   * {@code print}. Mocked calls are the evaluator's concern. Comprehensions collect, so they
   * count as one value.
   */
  default boolean alwaysDirect() {
    return true;
  }

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
   * head is null. {@code dataPrefix} remembers where the constant prefix of a {@code data}
   * reference leads.
   */
  record Ref(Root root, PTerm head, PTerm[] path, Location location, boolean alwaysDirect,
      DataPrefix dataPrefix) implements PTerm {
    public Ref(Root root, PTerm head, PTerm[] path, Location location) {
      this(root, head, path, location, refDirect(head, path), root == Root.DATA ? new DataPrefix() : null);
    }

    private static boolean refDirect(PTerm head, PTerm[] path) {
      if (head != null && !head.alwaysDirect()) {
        return false;
      }
      for (PTerm p : path) {
        // A variable segment iterates when unbound; so may a composite with variables in it.
        boolean fixed = p instanceof Const || p instanceof Ref || p instanceof Call
            || p instanceof ArrayCompr || p instanceof SetCompr || p instanceof ObjectCompr;
        if (!fixed || !p.alwaysDirect()) {
          return false;
        }
      }
      return true;
    }
  }

  record ArrayLit(PTerm[] items, boolean alwaysDirect) implements PTerm {
    public ArrayLit(PTerm[] items) {
      this(items, allDirect(items));
    }
  }

  record SetLit(PTerm[] items, boolean alwaysDirect) implements PTerm {
    public SetLit(PTerm[] items) {
      this(items, allDirect(items));
    }
  }

  record ObjectLit(PTerm[] keys, PTerm[] values, boolean alwaysDirect) implements PTerm {
    public ObjectLit(PTerm[] keys, PTerm[] values) {
      this(keys, values, allDirect(keys) && allDirect(values));
    }
  }

  record ArrayCompr(PTerm head, PBody body) implements PTerm {}

  record SetCompr(PTerm head, PBody body) implements PTerm {}

  record ObjectCompr(PTerm key, PTerm value, PBody body) implements PTerm {}

  /**
   * A call of a built-in or a user function. {@code name} is how {@code with} mocks address the
   * target: the built-in's name, or {@code data.pkg.f} for functions.
   */
  record Call(String name, Builtin builtin, DocNode function, PTerm[] args, Location location,
      boolean alwaysDirect) implements PTerm {
    public Call(String name, Builtin builtin, DocNode function, PTerm[] args, Location location) {
      this(name, builtin, function, args, location,
          (builtin == null || !(builtin.isRelation() || builtin.name().equals("print"))) && allDirect(args));
    }
  }

  private static boolean allDirect(PTerm[] ts) {
    for (PTerm t : ts) {
      if (!t.alwaysDirect()) {
        return false;
      }
    }
    return true;
  }
}
