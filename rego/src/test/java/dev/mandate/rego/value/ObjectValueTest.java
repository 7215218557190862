package dev.mandate.rego.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The object's own table: lookups, replacement, equality and order, small and indexed sizes. */
class ObjectValueTest {
  private static StringValue s(String v) {
    return StringValue.of(v);
  }

  /** A position hint is only a hint: right, wrong, out of range or absent, the answer is the same. */
  @Test
  void positionWithAnyHint() {
    for (int n : new int[] {3, 20}) { // scanned and indexed
      ObjectValue.Builder b = ObjectValue.builder();
      for (int i = 0; i < n; i++) {
        b.put(StringValue.of("k" + i), NumberValue.of(i));
      }
      ObjectValue o = b.build();
      for (int i = 0; i < n; i++) {
        StringValue key = StringValue.of("k" + i); // equal, not identical, to the stored key
        for (int hint : new int[] {-1, 0, i, n - 1, n, 1000}) {
          int at = o.position(key, hint);
          assertEquals(NumberValue.of(i), o.valueAt(at), "k" + i + " with hint " + hint);
        }
      }
      assertEquals(-1, o.position(StringValue.of("absent"), 0));
      assertEquals(-1, o.position(NumberValue.of(0), 0));
    }
  }

  @Test
  void findsEveryKeyOnBothSidesOfTheIndexThreshold() {
    for (int n : new int[] {0, 1, 7, 8, 9, 16, 17, 100, 1000}) {
      ObjectValue.Builder b = ObjectValue.builder();
      for (int i = 0; i < n; i++) {
        b.put(s("k" + i), NumberValue.of(i));
      }
      ObjectValue o = b.build();
      assertEquals(n, o.size());
      for (int i = 0; i < n; i++) {
        assertEquals(NumberValue.of(i), o.get(s("k" + i)), "n=" + n + " i=" + i);
        assertTrue(o.containsKey(new StringValue("k" + i)), "an equal key that is another object");
      }
      assertNull(o.get(s("k" + n)));
      assertFalse(o.containsKey(s("absent")));
    }
  }

  @Test
  void aLaterPutReplacesTheValueAndKeepsOneEntry() {
    for (int n : new int[] {3, 20}) {
      ObjectValue.Builder b = ObjectValue.builder(1);
      for (int i = 0; i < n; i++) {
        b.put(s("k" + i), NumberValue.of(i));
      }
      b.put(s("k1"), s("again"));
      ObjectValue o = b.build();
      assertEquals(n, o.size());
      assertEquals(s("again"), o.get(s("k1")));
    }
  }

  @Test
  void keysOfDifferentKindsAndNumbersEqualAsValues() {
    ObjectValue o = ObjectValue.builder()
        .put(NumberValue.of(1), s("one"))
        .put(BooleanValue.TRUE, s("true"))
        .put(NullValue.INSTANCE, s("null"))
        .put(ArrayValue.of(List.of(s("a"))), s("array"))
        .build();
    assertEquals(s("one"), o.get(Json.parse("1.0")), "1.0 is the key 1, as in OPA");
    assertEquals(s("array"), o.get(Json.parse("[\"a\"]")));
    assertEquals(s("null"), o.get(NullValue.INSTANCE));
    assertNull(o.get(s("1")), "the string \"1\" is not the number 1");
  }

  @Test
  void equalityAndHashIgnoreInsertionOrderAndMatchAMapsEntries() {
    Random random = new Random(7);
    for (int n : new int[] {0, 2, 8, 9, 40}) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        order.add(i);
      }
      ObjectValue.Builder a = ObjectValue.builder();
      order.forEach(i -> a.put(s("k" + i), NumberValue.of(i)));
      Collections.shuffle(order, random);
      Map<Value, Value> m = new HashMap<>();
      order.forEach(i -> m.put(s("k" + i), NumberValue.of(i)));
      ObjectValue x = a.build();
      ObjectValue y = ObjectValue.wrap(m);
      assertEquals(x, y);
      assertEquals(x.hashCode(), y.hashCode());
      assertEquals(m.hashCode() * 31 + 5 == 0 ? 1 : m.hashCode() * 31 + 5, x.hashCode(),
          "the hash stays what it was when objects were backed by a HashMap");
      if (n > 0) {
        assertNotEquals(x, x.with(s("k0"), s("changed")));
        assertNotEquals(x, x.without(s("k0")));
      }
    }
  }

  @Test
  void iteratesInOpaKeyOrderWhateverTheInsertionOrder() {
    for (int n : new int[] {5, 16, 17, 60}) {
      ObjectValue.Builder b = ObjectValue.builder();
      for (int i = n - 1; i >= 0; i--) {
        b.put(s(String.format("k%03d", i)), NumberValue.of(i));
      }
      ObjectValue o = b.build();
      Value[] keys = o.keys();
      Value[] values = o.valuesInKeyOrder();
      for (int i = 0; i < n; i++) {
        assertEquals(s(String.format("k%03d", i)), keys[i]);
        assertEquals(NumberValue.of(i), values[i]);
      }
    }
  }

  @Test
  void withAndWithoutCopyAndLeaveTheOriginalAlone() {
    ObjectValue o = ObjectValue.builder().put("a", s("1")).put("b", s("2")).build();
    ObjectValue more = o.with(s("c"), s("3"));
    ObjectValue replaced = o.with(s("a"), s("9"));
    ObjectValue less = o.without(s("a"));
    assertEquals(2, o.size());
    assertEquals(3, more.size());
    assertEquals(s("9"), replaced.get(s("a")));
    assertEquals(2, replaced.size());
    assertEquals(1, less.size());
    assertNull(less.get(s("a")));
    assertSame(o, o.without(s("absent")));
    assertSame(ObjectValue.EMPTY, ObjectValue.of("x", s("y")).without(s("x")));
  }

  @Test
  void aBuilderStartsOverAfterBuild() {
    ObjectValue.Builder b = ObjectValue.builder();
    for (int i = 0; i < 12; i++) {
      b.put(s("k" + i), NumberValue.of(i));
    }
    ObjectValue first = b.build();
    assertEquals(0, b.size());
    ObjectValue second = b.put("only", s("one")).build();
    assertEquals(12, first.size());
    assertEquals(NumberValue.of(11), first.get(s("k11")), "the first object is not disturbed");
    assertEquals(1, second.size());
    assertSame(ObjectValue.EMPTY, b.build());
  }

  @Test
  void containsValueAndAsMapSeeEveryEntry() {
    ObjectValue o = ObjectValue.builder().put("a", s("1")).put("b", s("2")).build();
    assertTrue(o.containsValue(s("2")));
    assertFalse(o.containsValue(s("3")));
    assertEquals(Map.of(s("a"), s("1"), s("b"), s("2")), o.asMap());
    assertArrayEquals(new Value[] {s("a"), s("b")}, o.keys());
  }

  /**
   * An object of a shape is the same value as one built entry by entry from the keys in their
   * given order: equal, same hash, same lookups, same key order, for scanned and indexed sizes and
   * keys of several kinds.
   */
  @Test
  void shapedObjectsEqualBuiltOnes() {
    Random random = new Random(8693);
    for (int n : new int[] {1, 2, 5, 8, 9, 20}) {
      List<Value> keys = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        keys.add(i % 3 == 2 ? NumberValue.of(i) : s("k" + i));
      }
      Collections.shuffle(keys, random);
      ObjectValue.Shape shape = ObjectValue.Shape.of(keys.toArray(new Value[0]));
      Value[] values = new Value[n];
      ObjectValue.Builder b = ObjectValue.builder();
      for (int i = 0; i < n; i++) {
        Value v = s("v" + keys.get(i));
        values[shape.position(i)] = v;
        b.put(keys.get(i), v);
      }
      ObjectValue shaped = shape.object(values);
      ObjectValue built = b.build();
      assertEquals(built, shaped, "n=" + n);
      assertEquals(shaped, built, "n=" + n);
      assertEquals(built.hashCode(), shaped.hashCode(), "n=" + n);
      assertArrayEquals(built.keys(), shaped.keys(), "n=" + n);
      assertArrayEquals(built.valuesInKeyOrder(), shaped.valuesInKeyOrder(), "n=" + n);
      for (Value k : keys) {
        assertEquals(s("v" + k), shaped.get(k), "n=" + n + " key " + k);
      }
      assertNull(shaped.get(s("absent")));
      assertEquals(built.without(keys.get(0)), shaped.without(keys.get(0)));
    }
  }

  /** Equal keys have no shape: which value wins is the builder's business. */
  @Test
  void repeatedKeysHaveNoShape() {
    assertNull(ObjectValue.Shape.of(new Value[] {s("a"), s("b"), s("a")}));
    assertNull(ObjectValue.Shape.of(new Value[] {NumberValue.of(1), s("b"), NumberValue.of(1)}));
    assertNull(ObjectValue.Shape.of(new Value[0]));
  }
}
