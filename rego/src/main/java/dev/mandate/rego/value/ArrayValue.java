package dev.mandate.rego.value;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** An immutable array. */
public final class ArrayValue implements Value, Iterable<Value> {
  public static final ArrayValue EMPTY = new ArrayValue(new Value[0]);

  /** Arrays longer than this build a hash index the first time membership is asked of them. */
  private static final int INDEX_THRESHOLD = 16;

  private final Value[] elements;
  private int hash; // 0 = not yet computed
  private volatile Set<Value> membershipIndex;

  private ArrayValue(Value[] elements) {
    this.elements = elements;
  }

  /** Wraps the given array without copying; the caller must not modify it afterwards. */
  public static ArrayValue wrap(Value[] elements) {
    return elements.length == 0 ? EMPTY : new ArrayValue(elements);
  }

  public static ArrayValue of(Value... elements) {
    return wrap(elements.clone());
  }

  public static ArrayValue of(List<? extends Value> elements) {
    return wrap(elements.toArray(new Value[0]));
  }

  public int size() {
    return elements.length;
  }

  public Value get(int i) {
    return elements[i];
  }

  public boolean isEmpty() {
    return elements.length == 0;
  }

  /** A copy of the elements. */
  public Value[] toArray() {
    return elements.clone();
  }

  public List<Value> asList() {
    return List.of(elements);
  }

  /**
   * True when some element equals {@code v}. Long arrays (e.g. data-driven allowlists) answer
   * from a hash index built once and kept with the immutable array, so membership costs the same
   * for 10 or 100,000 entries.
   */
  public boolean contains(Value v) {
    if (elements.length <= INDEX_THRESHOLD) {
      for (Value e : elements) {
        if (e.equals(v)) {
          return true;
        }
      }
      return false;
    }
    Set<Value> index = membershipIndex;
    if (index == null) {
      index = new HashSet<>(Arrays.asList(elements));
      membershipIndex = index;
    }
    return index.contains(v);
  }

  public ArrayValue concat(ArrayValue other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    Value[] out = Arrays.copyOf(elements, elements.length + other.elements.length);
    System.arraycopy(other.elements, 0, out, elements.length, other.elements.length);
    return new ArrayValue(out);
  }

  public ArrayValue slice(int from, int to) {
    return wrap(Arrays.copyOfRange(elements, from, to));
  }

  @Override
  public Iterator<Value> iterator() {
    return Arrays.asList(elements).iterator();
  }

  @Override public String typeName() { return "array"; }
  @Override public int kindOrder() { return 4; }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof ArrayValue a && hashCode() == a.hashCode() && Arrays.equals(elements, a.elements);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(elements) * 31 + 4;
      if (h == 0) {
        h = 1;
      }
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return Json.write(this);
  }
}
