package dev.mandate.rego.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.mandate.rego.Rego;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalStringsTest {
  /** A fresh instance of {@code s}'s characters, so identity tells which instance a key is. */
  private static String fresh(String s) {
    return new String(s.toCharArray());
  }

  private static Value keyOf(ObjectValue o, String name) {
    for (Value k : o.keys()) {
      if (k.equals(StringValue.of(name))) {
        return k;
      }
    }
    throw new AssertionError("no key " + name + " in " + o);
  }

  @Test
  void membersNamedLikeAConstantBecomeTheConstantAtEveryDepth() {
    StringValue constant = CanonicalStrings.register("only_in_canonical_strings_test");
    String name = fresh("only_in_canonical_strings_test");
    ObjectValue inObject = ObjectValue.builder().put(name, NumberValue.of(1))
        .put(fresh("unregistered_in_canonical_strings_test"), NumberValue.of(2)).build();
    ObjectValue inArray = ObjectValue.of(fresh(name), NumberValue.of(3));
    ObjectValue inSet = ObjectValue.of(fresh(name), NumberValue.of(4));
    ObjectValue doc = ObjectValue.builder()
        .put(fresh(name), inObject)
        .put("list", ArrayValue.of(inArray))
        .put("set", SetValue.of(inSet))
        .build();
    ObjectValue copy = ObjectValue.builder()
        .put(fresh(name), ObjectValue.builder().put(fresh(name), NumberValue.of(1))
            .put(fresh("unregistered_in_canonical_strings_test"), NumberValue.of(2)).build())
        .put("list", ArrayValue.of(ObjectValue.of(fresh(name), NumberValue.of(3))))
        .put("set", SetValue.of(ObjectValue.of(fresh(name), NumberValue.of(4))))
        .build();
    assertEquals(copy, doc);
    int hash = doc.hashCode();

    CanonicalStrings.shareMemberNames(doc);

    assertSame(constant, keyOf(doc, name));
    assertSame(constant, keyOf(inObject, name));
    assertSame(constant, keyOf(inArray, name));
    assertSame(constant, keyOf(inSet, name));
    assertNotSame(CanonicalStrings.register("unregistered_in_canonical_strings_test" + "!"),
        keyOf(inObject, "unregistered_in_canonical_strings_test"));
    assertEquals(copy, doc, "the same value as before");
    assertEquals(hash, doc.hashCode());
    assertEquals(0, doc.position(constant, doc.position(constant, -1)));
  }

  @Test
  void compilingAPolicySharesItsConstantsWithItsData() {
    ObjectValue caps = ObjectValue.of(fresh("max_ttl_in_canonical_test"), NumberValue.of(60));
    ObjectValue data = ObjectValue.of(fresh("limits_in_canonical_test"), caps);
    var policy = Rego.builder()
        .module("p.rego", """
            package p
            ttl := data.limits_in_canonical_test.max_ttl_in_canonical_test
            """)
        .data(data)
        .compile();
    assertSame(CanonicalStrings.register("max_ttl_in_canonical_test"),
        keyOf(caps, "max_ttl_in_canonical_test"));
    assertEquals("60", policy.prepare("x := data.p.ttl").eval(dev.mandate.rego.EvalOptions.defaults())
        .get(0).bindings().get("x").toString());
  }
}
