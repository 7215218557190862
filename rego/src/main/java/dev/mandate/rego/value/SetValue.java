package dev.mandate.rego.value;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * An immutable set. Iteration follows OPA's element order, which is also how OPA prints sets.
 *
 * <p>Policies build many small sets on every evaluation (requested, held and allowed scopes,
 * reasons, tenants), so a set of up to {@link #SMALL} elements is kept only as an array in OPA's
 * order: no hash table, no entry object per element, and iteration without sorting. Larger sets
 * are hash sets, sorted when first iterated. Which form a set takes depends on its size alone, so
 * equal sets always have the same form.
 */
public final class SetValue implements Value, Iterable<Value> {
  /** The most elements a set keeps in its array form. */
  static final int SMALL = 8;

  private static final Value[] NONE = new Value[0];
  public static final SetValue EMPTY = new SetValue(null, NONE);

  /** The elements of a large set; null for a small one. */
  private final Set<Value> set;
  /** The elements in OPA's order: a small set's only form, a large one's once iterated. */
  private volatile Value[] sorted;
  private int hash;

  private SetValue(Set<Value> set, Value[] sorted) {
    this.set = set;
    this.sorted = sorted;
  }

  /** Wraps the set without copying; the caller must not modify it afterwards. */
  public static SetValue wrap(Set<Value> set) {
    if (set.isEmpty()) {
      return EMPTY;
    }
    if (set.size() <= SMALL) {
      return ofDistinct(set.toArray(NONE));
    }
    return new SetValue(set, null);
  }

  public static SetValue of(Value... elements) {
    Builder b = new Builder(elements.length);
    for (Value v : elements) {
      b.add(v);
    }
    return b.build();
  }

  public static SetValue copyOf(Collection<? extends Value> elements) {
    Builder b = new Builder(elements.size());
    for (Value v : elements) {
      b.add(v);
    }
    return b.build();
  }

  /** A small set of distinct elements, sorted in place. */
  private static SetValue ofDistinct(Value[] distinct) {
    Arrays.sort(distinct);
    return new SetValue(null, distinct);
  }

  public static Builder builder() {
    return new Builder(4);
  }

  /**
   * Collects elements, dropping repeats: in an array, compared one by one, while there are at
   * most {@link #SMALL}; in a hash set after that. A builder builds one set: the set takes over
   * its storage.
   */
  public static final class Builder {
    private Value[] small;
    private int n;
    private Set<Value> large;

    private Builder(int expected) {
      small = new Value[Math.max(1, Math.min(expected, SMALL))];
    }

    public Builder add(Value v) {
      if (large != null) {
        large.add(v);
        return this;
      }
      for (int i = 0; i < n; i++) {
        if (small[i].equals(v)) {
          return this;
        }
      }
      if (n == SMALL) {
        large = new HashSet<>(Arrays.asList(small));
        large.add(v);
        small = null;
        return this;
      }
      if (n == small.length) {
        small = Arrays.copyOf(small, Math.min(SMALL, n * 2));
      }
      small[n++] = v;
      return this;
    }

    public int size() {
      return large != null ? large.size() : n;
    }

    public SetValue build() {
      if (large != null) {
        return new SetValue(large, null);
      }
      if (n == 0) {
        return EMPTY;
      }
      return ofDistinct(n == small.length ? small : Arrays.copyOf(small, n));
    }
  }

  public int size() {
    return set != null ? set.size() : sorted.length;
  }

  public boolean isEmpty() {
    return size() == 0;
  }

  public boolean contains(Value v) {
    if (set != null) {
      return set.contains(v);
    }
    for (Value e : sorted) {
      if (e.equals(v)) {
        return true;
      }
    }
    return false;
  }

  /** Elements in OPA's order. */
  public Value[] sortedElements() {
    Value[] s = sorted;
    if (s == null) {
      s = set.toArray(NONE);
      Arrays.sort(s);
      sorted = s;
    }
    return s;
  }

  /** A read-only view (unordered: a large set is not sorted for it). */
  public Set<Value> asSet() {
    if (set != null) {
      return Collections.unmodifiableSet(set);
    }
    return new AbstractSet<>() {
      @Override
      public Iterator<Value> iterator() {
        return Arrays.asList(sorted).iterator(); // the array's list refuses remove()
      }

      @Override
      public int size() {
        return sorted.length;
      }

      @Override
      public boolean contains(Object o) {
        return o instanceof Value v && SetValue.this.contains(v);
      }
    };
  }

  /** The elements in whichever order is at hand: for work whose result does not depend on it. */
  private Iterable<Value> elements() {
    return set != null ? set : Arrays.asList(sorted);
  }

  public SetValue union(SetValue o) {
    if (o.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return o;
    }
    SetValue big = size() >= o.size() ? this : o;
    SetValue other = big == this ? o : this;
    Builder b = new Builder(big.size() + other.size());
    for (Value v : big.elements()) {
      b.add(v);
    }
    for (Value v : other.elements()) {
      b.add(v);
    }
    return b.size() == big.size() ? big : b.build();
  }

  // Intersection and difference allocate only for a result that is neither empty nor one of
  // their operands: policies narrow small sets (requested, held and allowed scopes) on every
  // decision, and most of those results are one of these.

  public SetValue intersect(SetValue o) {
    SetValue small = size() <= o.size() ? this : o;
    SetValue large = small == this ? o : this;
    Builder b = null;
    for (Value v : small.elements()) {
      if (large.contains(v)) {
        if (b == null) {
          b = new Builder(small.size());
        }
        b.add(v);
      }
    }
    if (b == null) {
      return EMPTY;
    }
    return b.size() == small.size() ? small : b.build();
  }

  public SetValue minus(SetValue o) {
    if (isEmpty() || o.isEmpty()) {
      return this;
    }
    Builder b = null;
    for (Value v : elements()) {
      if (!o.contains(v)) {
        if (b == null) {
          b = new Builder(size());
        }
        b.add(v);
      }
    }
    if (b == null) {
      return EMPTY;
    }
    return b.size() == size() ? this : b.build();
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
    if (!(o instanceof SetValue other) || size() != other.size()
        || hashCode() != other.hashCode()) {
      return false;
    }
    if (set != null && other.set != null) {
      return set.equals(other.set);
    }
    for (Value v : elements()) {
      if (!other.contains(v)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      // The sum of the elements' hashes, as Set.hashCode defines it, whichever the form.
      int sum = 0;
      if (set != null) {
        sum = set.hashCode();
      } else {
        for (Value v : sorted) {
          sum += v.hashCode();
        }
      }
      h = sum * 31 + 6;
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
