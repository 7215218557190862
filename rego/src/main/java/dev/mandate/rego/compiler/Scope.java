package dev.mandate.rego.compiler;

import dev.mandate.rego.plan.PTerm;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Names visible in one body: a rule body, a query, a comprehension or an {@code every} body.
 * Nested scopes see their parents' variables (closures) but declare their own.
 */
final class Scope {
  final Scope parent;
  final SlotAllocator slots;
  /** Variable names used directly in this scope's body (not in nested bodies). */
  final Set<String> directNames;
  private final Map<String, PTerm.Local> vars = new HashMap<>();
  /** Names declared with {@code :=} or {@code some} in this scope, to refuse redeclaration. */
  private final Map<String, PTerm.Local> declared = new HashMap<>();

  Scope(Scope parent, SlotAllocator slots, Set<String> directNames) {
    this.parent = parent;
    this.slots = slots;
    this.directNames = directNames;
  }

  Scope child(Set<String> childDirectNames) {
    return new Scope(this, slots, childDirectNames);
  }

  /** The variable of that name in this scope or an enclosing one, or null. */
  PTerm.Local lookup(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      PTerm.Local l = s.vars.get(name);
      if (l != null) {
        return l;
      }
    }
    return null;
  }

  /**
   * The enclosing scope (or this one) that should own an undeclared name: the outermost scope
   * whose body uses it directly. A name used both in a body and in a comprehension inside it
   * refers to one variable of the outer body, as in OPA.
   */
  Scope ownerFor(String name) {
    Scope owner = this;
    for (Scope s = parent; s != null; s = s.parent) {
      if (s.directNames.contains(name)) {
        owner = s;
      }
    }
    return owner;
  }

  PTerm.Local get(String name) {
    return vars.get(name);
  }

  PTerm.Local create(String name, boolean generated) {
    PTerm.Local l = new PTerm.Local(slots.next(this), name, generated);
    if (!generated) {
      vars.put(name, l);
    }
    return l;
  }

  /** Declares a new variable here ({@code :=}, {@code some}); returns null if already declared here. */
  PTerm.Local declare(String name) {
    if (declared.containsKey(name)) {
      return null;
    }
    PTerm.Local l = create(name, false);
    declared.put(name, l);
    return l;
  }

  boolean isDeclaredHere(String name) {
    return declared.containsKey(name);
  }

  boolean isAncestorOrSelf(Scope other) {
    for (Scope s = other; s != null; s = s.parent) {
      if (s == this) {
        return true;
      }
    }
    return false;
  }

  Map<String, PTerm.Local> vars() {
    return vars;
  }
}
