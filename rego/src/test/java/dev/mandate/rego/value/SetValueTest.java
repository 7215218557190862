package dev.mandate.rego.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashSet;
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

  private static SetValue randomSet(Random r) {
    int n = r.nextInt(5);
    int[] xs = new int[n];
    for (int i = 0; i < n; i++) {
      xs[i] = r.nextInt(6);
    }
    return set(xs);
  }
}
