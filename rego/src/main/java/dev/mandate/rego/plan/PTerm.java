package dev.mandate.rego.plan;

import dev.mandate.rego.ast.Location;
import dev.mandate.rego.builtins.Builtin;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.Value;

/**
 * A compiled term: the form the evaluator runs. Names are resolved (local variables are frame
 * slots, rule references start at {@link Root#DATA}), constants are pre-built values, and calls
 * know their target.
 */
public sealed interface PTerm {

  /** No variables need be bound: the term always has at most one value. */
  int[] NO_SLOTS = new int[0];

  /**
   * The frame slots of the variables used as reference segments in this term (outside
   * comprehensions): when all of them are bound, the term has at most one value, since an
   * unbound segment is what iterates. Null when that cannot be known from the slots alone (a
   * relation or {@code print} call, a composite segment); the evaluator then looks closer.
   * Mocked calls are the evaluator's concern. Comprehensions collect, so they count as one
   * value.
   */
  default int[] directSlots() {
    return NO_SLOTS;
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
   * reference leads. {@code positions} remembers, per segment, where in an object its key was
   * first found (-1 until then): documents of one shape (the inputs of one API, say) keep their
   * members in the same places, so the evaluator looks there first. It is only a hint, shared
   * by all evaluations and written once, so threads do not keep invalidating each other's copy:
   * a wrong or racy value costs a second look, never a wrong answer.
   */
  record Ref(Root root, PTerm head, PTerm[] path, Location location, int[] directSlots,
      DataPrefix dataPrefix, int[] positions) implements PTerm {
    public Ref(Root root, PTerm head, PTerm[] path, Location location) {
      this(root, head, path, location, refSlots(head, path),
          root == Root.DATA ? new DataPrefix() : null, unknownPositions(path.length));
    }

    private static int[] unknownPositions(int n) {
      int[] p = new int[n];
      java.util.Arrays.fill(p, -1);
      return p;
    }

    private static int[] refSlots(PTerm head, PTerm[] path) {
      int[] slots = head == null ? NO_SLOTS : head.directSlots();
      for (PTerm p : path) {
        if (slots == null) {
          return null;
        }
        if (p instanceof Local l) {
          slots = union(slots, new int[] {l.slot()}); // iterates when unbound
        } else if (p instanceof ArrayLit || p instanceof SetLit || p instanceof ObjectLit) {
          return null; // a pattern: the evaluator checks its variables itself
        } else {
          slots = union(slots, p.directSlots());
        }
      }
      return slots;
    }
  }

  record ArrayLit(PTerm[] items, int[] directSlots) implements PTerm {
    public ArrayLit(PTerm[] items) {
      this(items, allSlots(items));
    }
  }

  record SetLit(PTerm[] items, int[] directSlots) implements PTerm {
    public SetLit(PTerm[] items) {
      this(items, allSlots(items));
    }
  }

  /**
   * An object literal. {@code shape}: when every key is a constant and no two are equal, their
   * order and hashes worked out once, so the evaluator only fills in the values; else null.
   */
  record ObjectLit(PTerm[] keys, PTerm[] values, int[] directSlots, ObjectValue.Shape shape)
      implements PTerm {
    public ObjectLit(PTerm[] keys, PTerm[] values) {
      this(keys, values, union(allSlots(keys), allSlots(values)), constantShape(keys));
    }

    private static ObjectValue.Shape constantShape(PTerm[] keys) {
      Value[] ks = new Value[keys.length];
      for (int i = 0; i < keys.length; i++) {
        if (!(keys[i] instanceof Const c)) {
          return null;
        }
        ks[i] = c.value();
      }
      return ObjectValue.Shape.of(ks);
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
      int[] directSlots) implements PTerm {
    public Call(String name, Builtin builtin, DocNode function, PTerm[] args, Location location) {
      this(name, builtin, function, args, location,
          builtin != null && (builtin.isRelation() || builtin.name().equals("print")) ? null : allSlots(args));
    }
  }

  private static int[] allSlots(PTerm[] ts) {
    int[] slots = NO_SLOTS;
    for (PTerm t : ts) {
      slots = union(slots, t.directSlots());
    }
    return slots;
  }

  /** The slots in either, or null when either is null. */
  private static int[] union(int[] a, int[] b) {
    if (a == null || b == null) {
      return null;
    }
    if (b.length == 0) {
      return a;
    }
    if (a.length == 0) {
      return b;
    }
    return java.util.stream.IntStream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b))
        .distinct().toArray();
  }
}
