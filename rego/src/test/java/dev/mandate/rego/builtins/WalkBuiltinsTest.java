package dev.mandate.rego.builtins;

import static dev.mandate.rego.builtins.BuiltinTestSupport.j;
import static dev.mandate.rego.builtins.BuiltinTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.Value;
import dev.mandate.rego.value.Values;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalkBuiltinsTest {
  private final BuiltinTestSupport t = new BuiltinTestSupport(WalkBuiltins::register);

  private List<String> walk(Value v) {
    return t.relation("walk", v).stream().map(Values::toRego).toList();
  }

  @Test
  void isARelationOfOneOperand() {
    Builtin b = t.lookup("walk");
    assertTrue(b.isRelation());
    assertEquals(1, b.arity());
  }

  @Test
  void scalarYieldsOnlyTheRoot() {
    assertEquals(List.of("[[], 1]"), walk(NumberValue.of(1)));
    assertEquals(List.of("[[], []]"), walk(ArrayValue.EMPTY));
  }

  @Test
  void preOrderWithObjectKeysInOpaOrder() {
    Value doc = j("{\"b\": [true, {\"y\": 1, \"x\": null}], \"a\": \"s\"}");
    assertEquals(List.of(
        "[[], {\"a\": \"s\", \"b\": [true, {\"x\": null, \"y\": 1}]}]",
        "[[\"a\"], \"s\"]",
        "[[\"b\"], [true, {\"x\": null, \"y\": 1}]]",
        "[[\"b\", 0], true]",
        "[[\"b\", 1], {\"x\": null, \"y\": 1}]",
        "[[\"b\", 1, \"x\"], null]",
        "[[\"b\", 1, \"y\"], 1]"), walk(doc));
  }

  @Test
  void setElementsAreTheirOwnKeysInSortedOrder() {
    Value doc = ObjectValue.of("s", SetValue.of(s("z"), ArrayValue.of(NumberValue.of(2)), NumberValue.of(3)));
    assertEquals(List.of(
        "[[], {\"s\": {3, \"z\", [2]}}]",
        "[[\"s\"], {3, \"z\", [2]}]",
        "[[\"s\", 3], 3]",
        "[[\"s\", \"z\"], \"z\"]",
        "[[\"s\", [2]], [2]]",
        "[[\"s\", [2], 0], 2]"), walk(doc));
  }

  @Test
  void nonStringObjectKeysAppearInPaths() {
    Value doc = ObjectValue.builder().put(NumberValue.of(2), s("two")).put(s("1"), s("one")).build();
    assertEquals(List.of("[[], {2: \"two\", \"1\": \"one\"}]", "[[2], \"two\"]", "[[\"1\"], \"one\"]"), walk(doc));
  }

  @Test
  void deepDocumentsDoNotOverflowTheStack() {
    Value v = NumberValue.of(0);
    for (int i = 0; i < 5_000; i++) {
      v = ArrayValue.of(v);
    }
    List<Value> out = t.relation("walk", v);
    assertEquals(5_001, out.size());
    ArrayValue last = (ArrayValue) out.get(out.size() - 1);
    assertEquals(5_000, ((ArrayValue) last.get(0)).size());
    assertEquals(NumberValue.of(0), last.get(1));
  }

  @Test
  void checksForCancellationOnBigDocuments() {
    Value[] items = new Value[10_000];
    for (int i = 0; i < items.length; i++) {
      items[i] = NumberValue.of(i);
    }
    t.ctx.cancelAfter = 3;
    assertThrows(IllegalStateException.class, () -> t.relation("walk", ArrayValue.wrap(items)));
  }
}
