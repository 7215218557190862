package dev.mandate.rego.value;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An immutable object. Keys may be any value (Rego allows non-string keys). Iteration follows
 * OPA's key order, which is also the order in which OPA prints objects.
 */
public final class ObjectValue implements Value {
  public static final ObjectValue EMPTY = new ObjectValue(Map.of());

  private final Map<Value, Value> map;
  /** Keys in OPA's order and the values in the same order, worked out together on first use. */
  private volatile Sorted sorted;

  private record Sorted(Value[] keys, Value[] values) {}
  private int hash;

  private ObjectValue(Map<Value, Value> map) {
    this.map = map;
  }

  /** Wraps the map without copying; the caller must not modify it afterwards. */
  public static ObjectValue wrap(Map<Value, Value> map) {
    return map.isEmpty() ? EMPTY : new ObjectValue(map);
  }

  public static Builder builder() {
    return new Builder(16);
  }

  /** A builder for about {@code expectedSize} entries, so its map need not grow. */
  public static Builder builder(int expectedSize) {
    return new Builder(expectedSize);
  }

  public static ObjectValue of(String key, Value value) {
    Map<Value, Value> m = new HashMap<>(2);
    m.put(StringValue.of(key), value);
    return new ObjectValue(m);
  }

  public int size() {
    return map.size();
  }

  public boolean isEmpty() {
    return map.isEmpty();
  }

  /** The value under {@code key}, or null when absent. */
  public Value get(Value key) {
    return map.get(key);
  }

  public Value get(String key) {
    return map.get(StringValue.of(key));
  }

  public boolean containsKey(Value key) {
    return map.containsKey(key);
  }

  /** Keys in OPA's order. Callers must not modify the array. */
  public Value[] keys() {
    return sorted().keys;
  }

  /** The values in the order of {@link #keys()}. Callers must not modify the array. */
  public Value[] valuesInKeyOrder() {
    return sorted().values;
  }

  private Sorted sorted() {
    Sorted s = sorted;
    if (s == null) {
      s = sort(map);
      sorted = s;
    }
    return s;
  }

  /** Objects up to this size are sorted in place by insertion, keys and values together. */
  private static final int INSERTION_SORT_MAX = 16;

  /**
   * Keys in OPA's order with their values. Most objects are small (JSON input, policy results),
   * and are sorted with one pass over the map and an insertion sort that moves values along with
   * keys, instead of a general sort followed by a lookup per key.
   */
  private static Sorted sort(Map<Value, Value> map) {
    int n = map.size();
    Value[] k = new Value[n];
    Value[] v = new Value[n];
    if (n > INSERTION_SORT_MAX) {
      k = map.keySet().toArray(k);
      Arrays.sort(k);
      for (int i = 0; i < n; i++) {
        v[i] = map.get(k[i]);
      }
      return new Sorted(k, v);
    }
    int i = 0;
    for (Map.Entry<Value, Value> e : map.entrySet()) {
      Value key = e.getKey();
      Value value = e.getValue();
      int j = i++;
      while (j > 0 && Values.compare(k[j - 1], key) > 0) {
        k[j] = k[j - 1];
        v[j] = v[j - 1];
        j--;
      }
      k[j] = key;
      v[j] = value;
    }
    return new Sorted(k, v);
  }

  /** Visits entries in key order. */
  public void forEach(BiConsumer<Value, Value> action) {
    Sorted s = sorted();
    for (int i = 0; i < s.keys.length; i++) {
      action.accept(s.keys[i], s.values[i]);
    }
  }

  /** A read-only view of the entries (unordered). */
  public Map<Value, Value> asMap() {
    return Collections.unmodifiableMap(map);
  }

  /** A copy with {@code key} set to {@code value}. */
  public ObjectValue with(Value key, Value value) {
    Map<Value, Value> m = new HashMap<>(map);
    m.put(key, value);
    return new ObjectValue(m);
  }

  /** A copy without {@code key}. */
  public ObjectValue without(Value key) {
    if (!map.containsKey(key)) {
      return this;
    }
    Map<Value, Value> m = new HashMap<>(map);
    m.remove(key);
    return wrap(m);
  }

  @Override public String typeName() { return "object"; }
  @Override public int kindOrder() { return 5; }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof ObjectValue other && hashCode() == other.hashCode() && map.equals(other.map);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = map.hashCode() * 31 + 5;
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

  /** Accumulates entries; later puts of the same key replace earlier ones. */
  public static final class Builder {
    private Map<Value, Value> map;

    private Builder(int expectedSize) {
      map = HashMap.newHashMap(expectedSize);
    }

    public Builder put(Value key, Value value) {
      map.put(key, value);
      return this;
    }

    public Builder put(String key, Value value) {
      return put(StringValue.of(key), value);
    }

    public Value get(Value key) {
      return map.get(key);
    }

    public boolean containsKey(Value key) {
      return map.containsKey(key);
    }

    public int size() {
      return map.size();
    }

    public ObjectValue build() {
      Map<Value, Value> m = map;
      map = new HashMap<>();
      return wrap(m);
    }
  }
}
