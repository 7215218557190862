package dev.mandate.rego.value;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/** An immutable set. Iteration follows OPA's element order, which is also how OPA prints sets. */
public final class SetValue implements Value, Iterable<Value> {
  public static final SetValue EMPTY = new SetValue(Set.of());

  private final Set<Value> set;
  private volatile Value[] sorted;
  private int hash;

  private SetValue(Set<Value> set) {
    this.set = set;
  }

  /** Wraps the set without copying; the caller must not modify it afterwards. */
  public static SetValue wrap(Set<Value> set) {
    return set.isEmpty() ? EMPTY : new SetValue(set);
  }

  public static SetValue of(Value... elements) {
    return wrap(new HashSet<>(Arrays.asList(elements)));
  }

  public static SetValue copyOf(Collection<? extends Value> elements) {
    return wrap(new HashSet<>(elements));
  }

  public int size() {
    return set.size();
  }

  public boolean isEmpty() {
    return set.isEmpty();
  }

  public boolean contains(Value v) {
    return set.contains(v);
  }

  /** Elements in OPA's order. */
  public Value[] sortedElements() {
    Value[] s = sorted;
    if (s == null) {
      s = set.toArray(new Value[0]);
      Arrays.sort(s);
      sorted = s;
    }
    return s;
  }

  /** A read-only view (unordered). */
  public Set<Value> asSet() {
    return Collections.unmodifiableSet(set);
  }

  public SetValue union(SetValue o) {
    if (o.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return o;
    }
    Set<Value> s = new HashSet<>(set);
    s.addAll(o.set);
    return wrap(s);
  }

  // Intersection and difference allocate only for a result that is neither empty nor one of
  // their operands: policies narrow small sets (requested, held and allowed scopes) on every
  // decision, and most of those results are one of these.

  public SetValue intersect(SetValue o) {
    SetValue small = size() <= o.size() ? this : o;
    SetValue large = small == this ? o : this;
    Set<Value> s = null;
    for (Value v : small.set) {
      if (large.set.contains(v)) {
        if (s == null) {
          s = new HashSet<>();
        }
        s.add(v);
      }
    }
    if (s == null) {
      return EMPTY;
    }
    return s.size() == small.size() ? small : wrap(s);
  }

  public SetValue minus(SetValue o) {
    if (isEmpty() || o.isEmpty()) {
      return this;
    }
    Set<Value> s = null;
    for (Value v : set) {
      if (!o.set.contains(v)) {
        if (s == null) {
          s = new HashSet<>();
        }
        s.add(v);
      }
    }
    if (s == null) {
      return EMPTY;
    }
    return s.size() == size() ? this : wrap(s);
  }

  @Override
  public Iterator<Value> iterator() {
    return Arrays.asList(sortedElements()).iterator();
  }

  @Override public String typeName() { return "set"; }
  @Override public int kindOrder() { return 6; }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof SetValue other && hashCode() == other.hashCode() && set.equals(other.set);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = set.hashCode() * 31 + 6;
      if (h == 0) {
        h = 1;
      }
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return Values.toRego(this);
  }
}
