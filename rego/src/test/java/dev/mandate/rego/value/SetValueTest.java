package dev.mandate.rego.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SetValueTest {
  private static SetValue set(int... xs) {
    Value[] vs = new Value[xs.length];
    for (int i = 0; i < xs.length; i++) {
      vs[i] = NumberValue.of(xs[i]);
    }
    return SetValue.of(vs);
  }

  @Test
  void intersectionAndDifferenceReuseAnOperandWhenTheResultIsOne() {
    SetValue abc = set(1, 2, 3);
    SetValue ab = set(1, 2);
    assertSame(ab, abc.intersect(ab));
    assertSame(ab, ab.intersect(abc));
    assertSame(SetValue.EMPTY, abc.intersect(set(7)));
    assertSame(SetValue.EMPTY, abc.intersect(SetValue.EMPTY));
    assertSame(abc, abc.minus(set(7, 8)));
    assertSame(abc, abc.minus(SetValue.EMPTY));
    assertSame(SetValue.EMPTY, ab.minus(abc));
    assertEquals(set(3), abc.minus(ab));
    assertEquals(set(2, 3), abc.intersect(set(2, 3, 4)));
  }

  @Test
  void intersectionAndDifferenceAgreeWithJavaSets() {
    Random r = new Random(6749);
    for (int n = 0; n < 2000; n++) {
      SetValue a = randomSet(r);
      SetValue b = randomSet(r);
      Set<Value> and = new HashSet<>(a.asSet());
      and.retainAll(b.asSet());
      Set<Value> minus = new HashSet<>(a.asSet());
      minus.removeAll(b.asSet());
      assertEquals(SetValue.copyOf(and), a.intersect(b));
      assertEquals(SetValue.copyOf(minus), a.minus(b));
      assertEquals(and.size(), a.intersect(b).size());
      assertEquals(minus.size(), a.minus(b).size());
    }
  }

  /**
   * Sets of up to 20 elements, on both sides of the array form's limit, of numbers, strings and
   * arrays, built every way a set is built, against a Java set of the same elements.
   */
  @Test
  void everyOperationAgreesWithJavaSetsOnBothSidesOfTheSmallForm() {
    Random r = new Random(8693);
    for (int n = 0; n < 3000; n++) {
      List<Value> as = randomElements(r);
      List<Value> bs = randomElements(r);
      Set<Value> ja = new HashSet<>(as);
      Set<Value> jb = new HashSet<>(bs);
      SetValue a = r.nextBoolean() ? SetValue.copyOf(as) : SetValue.wrap(new HashSet<>(as));
      SetValue b = build(bs);

      assertEquals(ja.size(), a.size());
      assertEquals(ja.isEmpty(), a.isEmpty());
      assertEquals(ja, a.asSet());
      assertEquals(ja.hashCode() * 31 + 6 == 0 ? 1 : ja.hashCode() * 31 + 6, a.hashCode());
      Value[] sorted = ja.toArray(new Value[0]);
      Arrays.sort(sorted);
      assertArrayEquals(sorted, a.sortedElements(), "OPA's order");
      List<Value> iterated = new ArrayList<>();
      a.forEach(iterated::add);
      assertEquals(Arrays.asList(sorted), iterated);
      for (Value v : bs) {
        assertEquals(ja.contains(v), a.contains(v));
      }
      assertEquals(ja.equals(jb), a.equals(b));
      if (ja.equals(jb)) {
        assertEquals(a.hashCode(), b.hashCode());
      }

      Set<Value> or = new HashSet<>(ja);
      or.addAll(jb);
      Set<Value> and = new HashSet<>(ja);
      and.retainAll(jb);
      Set<Value> minus = new HashSet<>(ja);
      minus.removeAll(jb);
      assertEquals(or, a.union(b).asSet());
      assertEquals(and, a.intersect(b).asSet());
      assertEquals(minus, a.minus(b).asSet());
      assertEquals(SetValue.copyOf(or), a.union(b));
      assertEquals(SetValue.copyOf(and), a.intersect(b));
      assertEquals(SetValue.copyOf(minus), a.minus(b));
    }
  }

  @Test
  void theBuilderDropsRepeatsAcrossTheSwitchToAHashSet() {
    SetValue.Builder b = SetValue.builder();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < SetValue.SMALL + 3; i++) {
        b.add(StringValue.of("s" + i));
      }
    }
    SetValue s = b.build();
    assertEquals(SetValue.SMALL + 3, s.size());
    assertTrue(s.contains(StringValue.of("s" + (SetValue.SMALL + 2))));
    assertFalse(s.contains(StringValue.of("s" + (SetValue.SMALL + 3))));
    assertSame(SetValue.EMPTY, SetValue.builder().build());
    assertNotEquals(set(1, 2), set(1, 2, 3));
    assertNotEquals(set(1, 2), ArrayValue.of(List.of(NumberValue.of(1), NumberValue.of(2))));
  }

  private static SetValue build(List<Value> vs) {
    SetValue.Builder b = SetValue.builder();
    vs.forEach(b::add);
    return b.build();
  }

  private static List<Value> randomElements(Random r) {
    int n = r.nextInt(21);
    List<Value> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int x = r.nextInt(24);
      out.add(switch (x % 3) {
        case 0 -> NumberValue.of(x);
        case 1 -> StringValue.of("v" + x);
        default -> ArrayValue.of(List.of(NumberValue.of(x), StringValue.of("a")));
      });
    }
    return out;
  }

  private static SetValue randomSet(Random r) {
    int n = r.nextInt(5);
    int[] xs = new int[n];
    for (int i = 0; i < n; i++) {
      xs[i] = r.nextInt(6);
    }
    return set(xs);
  }
}
