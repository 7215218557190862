package dev.mandate.rego.eval;

import static dev.mandate.rego.eval.EngineTestSupport.eval;
import static dev.mandate.rego.eval.EngineTestSupport.json;
import static dev.mandate.rego.eval.EngineTestSupport.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mandate.rego.Policy;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.Value;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rule-value memo starts as long as earlier evaluations of the query needed and grows on
 * demand, so a rule whose slot lies past its end must still be remembered and found.
 */
class MemoTest {
  @Test
  void theMemoGrowsToTheSlotWrittenAndNoFurtherThanThePolicysSlots() {
    State st = new State(null, null, Map.of(), 2, 10);
    assertNull(st.memo(7), "a slot past the memo's end is simply not remembered yet");
    st.memo(7, NumberValue.of(7));
    st.memo(1, NumberValue.of(1));
    assertEquals(NumberValue.of(7), st.memo(7));
    assertEquals(NumberValue.of(1), st.memo(1));
    assertNull(st.memo(9));
    assertEquals(8, st.memoLength(), "grown to the slot written, as it was at least twice 2");
    st.memo(9, NumberValue.of(9));
    assertEquals(10, st.memoLength());
    assertEquals(NumberValue.of(9), st.memo(9));
  }

  @Test
  void rulesPastTheFirstSlotsAreEvaluatedOnceAndAgreeAcrossEvaluations() {
    // 60 chained rules in one package and 60 test rules in another: the query's rules take
    // more slots than a fresh memo has, and its second evaluation starts from a learnt length.
    StringBuilder chain = new StringBuilder("package chain\nr0 := input.x\n");
    for (int i = 1; i < 60; i++) {
      chain.append("r").append(i).append(" := r").append(i - 1).append(" + 1\n");
    }
    chain.append("total := r59 if r30 == r29 + 1\n");
    StringBuilder tests = new StringBuilder("package chain_test\nimport data.chain\n");
    for (int i = 0; i < 60; i++) {
      tests.append("test_").append(i).append(" if chain.r").append(i).append(" == ")
          .append(i).append(" with input.x as 0\n");
    }
    Policy p = policy(chain.toString(), tests.toString());
    for (int round = 0; round < 3; round++) {
      assertEquals(json("159"), eval(p, "x := data.chain.total", "{\"x\": 100}"));
      assertEquals(json("59"), eval(p, "x := data.chain.total", "{\"x\": 0}"));
    }
    Value allTests = eval(p, "x := data.chain_test", "{}");
    assertEquals(60, ((dev.mandate.rego.value.ObjectValue) allTests).size());
  }
}
