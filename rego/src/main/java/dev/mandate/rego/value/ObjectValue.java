package dev.mandate.rego.value;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An immutable object. Keys may be any value (Rego allows non-string keys). Iteration follows
 * OPA's key order, which is also the order in which OPA prints objects.
 *
 * <p>Entries are kept in insertion order in plain arrays, with each key's hash beside it, and
 * looked up by a scan over the hashes (small objects, most of them) or through an open-addressing
 * index (larger ones). Lookups are the evaluator's most frequent operation on documents: compared
 * with a {@code HashMap} this saves an entry object per member and the pointer chase to it, and
 * keeps the equality calls at this class's own call sites, where they only ever see values.
 */
public final class ObjectValue implements Value {
  private static final Value[] NO_VALUES = new Value[0];
  private static final int[] NO_HASHES = new int[0];
  public static final ObjectValue EMPTY = new ObjectValue(NO_VALUES, NO_VALUES, NO_HASHES, 0, null);

  /** Objects up to this size are searched by scanning their hashes; larger ones get an index. */
  private static final int SCAN_MAX = 8;

  private final Value[] keys;
  private final Value[] values;
  private final int[] hashes;
  private final int size;
  /** Positions + 1 by key hash, open addressing with linear probing; null for small objects. */
  private final int[] index;
  /**
   * Keys in OPA's order and the values in the same order, worked out together on first use.
   * Not volatile: a {@code Sorted} is immutable (final fields, arrays never written after it is
   * made), so a thread that sees the reference sees its contents, and a thread that sees null
   * sorts again and gets an equal result, as with {@code String}'s cached hash.
   */
  private Sorted sorted;

  private record Sorted(Value[] keys, Value[] values) {}
  private int hash;

  /**
   * Takes the arrays as they are: {@code size} distinct keys in the first {@code size} slots, and
   * their index when there are more than {@link #SCAN_MAX}.
   */
  private ObjectValue(Value[] keys, Value[] values, int[] hashes, int size, int[] index) {
    this.keys = keys;
    this.values = values;
    this.hashes = hashes;
    this.size = size;
    this.index = index;
  }

  /** An object of a {@link Shape}: its keys are already in OPA's order, so it is born sorted. */
  private ObjectValue(Shape shape, Value[] values) {
    this(shape.keys, values, shape.hashes, shape.keys.length, shape.index);
    this.sorted = new Sorted(shape.keys, values);
  }

  private static int[] buildIndex(int[] hashes, int size) {
    int[] index = new int[Integer.highestOneBit(size * 2 - 1) << 1];
    for (int i = 0; i < size; i++) {
      insert(index, hashes[i], i);
    }
    return index;
  }

  /** Records {@code position} under hash {@code h} in the first free slot from its home slot. */
  private static void insert(int[] index, int h, int position) {
    int mask = index.length - 1;
    int slot = spread(h) & mask;
    while (index[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    index[slot] = position + 1;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  /** An object with the map's entries; the map is not kept. */
  public static ObjectValue wrap(Map<Value, Value> map) {
    if (map.isEmpty()) {
      return EMPTY;
    }
    Builder b = new Builder(map.size());
    map.forEach(b::put);
    return b.build();
  }

  public static Builder builder() {
    return new Builder(8);
  }

  /** A builder for about {@code expectedSize} entries, so its arrays need not grow. */
  public static Builder builder(int expectedSize) {
    return new Builder(expectedSize);
  }

  public static ObjectValue of(String key, Value value) {
    return new Builder(1).put(key, value).build();
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** The value under {@code key}, or null when absent. */
  public Value get(Value key) {
    int i = find(keys, hashes, size, index, key, key.hashCode());
    return i < 0 ? null : values[i];
  }

  public Value get(String key) {
    return get(StringValue.of(key));
  }

  /**
   * The position of {@code key} among the entries (in insertion order), or -1 when absent;
   * {@code hint} is checked first, so a caller that remembers where a key was saves the search.
   */
  public int position(Value key, int hint) {
    if (hint >= 0 && hint < size && keys[hint] == key) {
      return hint; // a policy's constant key in a parsed document: see CanonicalStrings
    }
    int h = key.hashCode();
    if (hint >= 0 && hint < size && isKeyAt(keys, hashes, hint, key, h)) {
      return hint;
    }
    return find(keys, hashes, size, index, key, h);
  }

  /**
   * Replaces each key for which {@code shared} gives a value, which must equal the key, with that
   * value, and hands each value to {@code values}, in insertion order. The object stays the same
   * value with the same hashes; only which of several equal instances it holds changes. For
   * {@link CanonicalStrings#shareMemberNames}.
   */
  void shareKeys(java.util.function.Function<Value, ? extends Value> shared,
      java.util.function.Consumer<Value> values) {
    for (int i = 0; i < size; i++) {
      shareKey(keys, i, shared);
      values.accept(this.values[i]);
    }
    Sorted so = sorted;
    if (so != null) {
      for (int i = 0; i < so.keys.length; i++) {
        shareKey(so.keys, i, shared);
      }
    }
  }

  private static void shareKey(Value[] keys, int i, java.util.function.Function<Value, ? extends Value> shared) {
    Value s = shared.apply(keys[i]);
    if (s != null && s != keys[i] && s.equals(keys[i])) {
      keys[i] = s;
    }
  }

  /** The value at a {@link #position}. */
  public Value valueAt(int position) {
    return values[position];
  }

  public boolean containsKey(Value key) {
    return find(keys, hashes, size, index, key, key.hashCode()) >= 0;
  }

  /** The position of {@code key} among the first {@code size} keys, or -1. */
  private static int find(Value[] keys, int[] hashes, int size, int[] index, Value key, int h) {
    if (index == null) {
      for (int i = 0; i < size; i++) {
        if (isKeyAt(keys, hashes, i, key, h)) {
          return i;
        }
      }
      return -1;
    }
    int mask = index.length - 1;
    for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
      int p = index[slot] - 1;
      if (p < 0) {
        return -1;
      }
      if (isKeyAt(keys, hashes, p, key, h)) {
        return p;
      }
    }
  }

  /** Whether position {@code i} holds {@code key}, whose hash is {@code h}. */
  private static boolean isKeyAt(Value[] keys, int[] hashes, int i, Value key, int h) {
    Value k = keys[i];
    return k == key || hashes[i] == h && k.equals(key);
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
      s = sort();
      sorted = s;
    }
    return s;
  }

  /** Objects up to this size are sorted in place by insertion, keys and values together. */
  private static final int INSERTION_SORT_MAX = 16;

  /**
   * Keys in OPA's order with their values. Most objects are small (JSON input, policy results),
   * and are sorted by insertion, moving values along with keys; larger ones sort positions.
   */
  private Sorted sort() {
    int n = size;
    Value[] k = Arrays.copyOf(keys, n);
    Value[] v = Arrays.copyOf(values, n);
    if (n > INSERTION_SORT_MAX) {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Values.compare(keys[a], keys[b]));
      for (int i = 0; i < n; i++) {
        k[i] = keys[order[i]];
        v[i] = values[order[i]];
      }
      return new Sorted(k, v);
    }
    for (int i = 1; i < n; i++) {
      Value key = k[i];
      Value value = v[i];
      int j = i;
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

  /** The entries as a read-only map (a copy, in insertion order). */
  public Map<Value, Value> asMap() {
    Map<Value, Value> m = LinkedHashMap.newLinkedHashMap(size);
    for (int i = 0; i < size; i++) {
      m.put(keys[i], values[i]);
    }
    return Collections.unmodifiableMap(m);
  }

  /** Whether some member's value equals {@code v}. */
  public boolean containsValue(Value v) {
    for (int i = 0; i < size; i++) {
      if (values[i].equals(v)) {
        return true;
      }
    }
    return false;
  }

  /** A copy with {@code key} set to {@code value}. */
  public ObjectValue with(Value key, Value value) {
    Builder b = new Builder(size + 1);
    b.putAll(this);
    return b.put(key, value).build();
  }

  /** A copy without {@code key}. */
  public ObjectValue without(Value key) {
    int at = find(keys, hashes, size, index, key, key.hashCode());
    if (at < 0) {
      return this;
    }
    Builder b = new Builder(size - 1);
    for (int i = 0; i < size; i++) {
      if (i != at) {
        b.put(keys[i], values[i]);
      }
    }
    return b.build();
  }

  @Override public String typeName() { return "object"; }
  @Override public int kindOrder() { return 5; }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ObjectValue other) || other.size != size || hashCode() != other.hashCode()) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      Value theirs = other.get(keys[i]);
      if (theirs == null || !theirs.equals(values[i])) {
        return false;
      }
    }
    return true;
  }

  /** As {@link Map#hashCode()} over the entries (then mixed with the kind), so order-free. */
  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      int sum = 0;
      for (int i = 0; i < size; i++) {
        sum += hashes[i] ^ values[i].hashCode();
      }
      h = sum * 31 + 5;
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

  /**
   * A fixed set of distinct keys, such as those of an object literal whose keys are constants:
   * sorted into OPA's order, hashed and indexed once, and shared by every object built from it,
   * so that building one takes only its values. Immutable and thread-safe.
   */
  public static final class Shape {
    private final Value[] keys;
    private final int[] hashes;
    private final int[] index;
    /** For each key in the order given to {@link #of}, its position in OPA's order. */
    private final int[] positions;

    private Shape(Value[] keys, int[] hashes, int[] index, int[] positions) {
      this.keys = keys;
      this.hashes = hashes;
      this.index = index;
      this.positions = positions;
    }

    /** The shape of these keys, or null when two of them are equal (the last would win). */
    public static Shape of(Value[] keys) {
      int n = keys.length;
      if (n == 0) {
        return null;
      }
      for (int i = 0; i < n; i++) { // made once per literal, when a policy is compiled
        for (int j = i + 1; j < n; j++) {
          if (keys[i].equals(keys[j])) {
            return null;
          }
        }
      }
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Values.compare(keys[a], keys[b]));
      Value[] sortedKeys = new Value[n];
      int[] hashes = new int[n];
      int[] positions = new int[n];
      for (int i = 0; i < n; i++) {
        sortedKeys[i] = keys[order[i]];
        hashes[i] = sortedKeys[i].hashCode();
        positions[order[i]] = i;
      }
      return new Shape(sortedKeys, hashes, n > SCAN_MAX ? buildIndex(hashes, n) : null, positions);
    }

    /** Where the value of the {@code i}th key (in the order given to {@link #of}) goes. */
    public int position(int i) {
      return positions[i];
    }

    /**
     * The object with these keys and {@code values}, given in OPA's key order (place the value
     * of the {@code i}th key at {@link #position}{@code (i)}). The array is kept: callers must not
     * modify it afterwards.
     */
    public ObjectValue object(Value[] values) {
      if (values.length != keys.length) {
        throw new IllegalArgumentException("expected " + keys.length + " values, got " + values.length);
      }
      return new ObjectValue(this, values);
    }
  }

  /** Accumulates entries; later puts of the same key replace earlier ones. */
  public static final class Builder {
    private Value[] keys;
    private Value[] values;
    private int[] hashes;
    private int size;
    /** Kept while the builder grows past {@link #SCAN_MAX}, so puts stay constant-time. */
    private int[] index;

    private Builder(int expectedSize) {
      keys = expectedSize > 0 ? new Value[expectedSize] : NO_VALUES;
      values = expectedSize > 0 ? new Value[expectedSize] : NO_VALUES;
      hashes = expectedSize > 0 ? new int[expectedSize] : NO_HASHES;
    }

    public Builder put(Value key, Value value) {
      int h = key.hashCode();
      int at = find(keys, hashes, size, index, key, h);
      if (at >= 0) {
        values[at] = value;
        return this;
      }
      if (size == keys.length) {
        int n = Math.max(size * 2, 8);
        keys = Arrays.copyOf(keys, n);
        values = Arrays.copyOf(values, n);
        hashes = Arrays.copyOf(hashes, n);
      }
      keys[size] = key;
      values[size] = value;
      hashes[size] = h;
      size++;
      if (size > SCAN_MAX) {
        if (index == null || size * 2 > index.length) {
          index = buildIndex(hashes, size);
        } else {
          insert(index, h, size - 1);
        }
      }
      return this;
    }

    public Builder put(String key, Value value) {
      return put(StringValue.of(key), value);
    }

    /** Puts every member of {@code o}. */
    public Builder putAll(ObjectValue o) {
      for (int i = 0; i < o.size; i++) {
        put(o.keys[i], o.values[i]);
      }
      return this;
    }

    public Value get(Value key) {
      int at = find(keys, hashes, size, index, key, key.hashCode());
      return at < 0 ? null : values[at];
    }

    public boolean containsKey(Value key) {
      return find(keys, hashes, size, index, key, key.hashCode()) >= 0;
    }

    public int size() {
      return size;
    }

    /** The object built so far; the builder starts over empty. */
    public ObjectValue build() {
      ObjectValue o = size == 0 ? EMPTY : new ObjectValue(keys, values, hashes, size, index);
      keys = NO_VALUES;
      values = NO_VALUES;
      hashes = NO_HASHES;
      size = 0;
      index = null;
      return o;
    }
  }
}
