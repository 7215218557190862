package dev.mandate.rego.builtins;

import static dev.mandate.rego.builtins.BuiltinTestSupport.j;
import static dev.mandate.rego.builtins.BuiltinTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class YamlBuiltinsTest {
  private final BuiltinTestSupport t = new BuiltinTestSupport(YamlBuiltins::register);

  private String marshal(Value v) {
    return ((StringValue) t.call("yaml.marshal", v)).value();
  }

  private Value unmarshal(String yaml) {
    return t.call("yaml.unmarshal", s(yaml));
  }

  private String error(String yaml) {
    return t.builtinError("yaml.unmarshal", s(yaml)).getMessage();
  }

  // --- conformance: jsonbuiltins (yaml cases) ---

  @Test
  void roundTripConformance() {
    Value v = ArrayValue.of(ObjectValue.of("foo", SetValue.of(NumberValue.of(1), NumberValue.of(2), NumberValue.of(3))));
    String yaml = marshal(v);
    assertEquals("- foo:\n  - 1\n  - 2\n  - 3\n", yaml);
    assertEquals(j("[{\"foo\": [1, 2, 3]}]"), unmarshal(yaml));
  }

  @Test
  void unmarshalErrorConformance() {
    assertEquals("yaml: line 1: did not find expected ',' or ']'", error("[1,2,3"));
  }

  @Test
  void isValidConformance() {
    assertEquals(BooleanValue.TRUE, t.call("yaml.is_valid", s("foo:\n - qux: bar\n - baz: 2")));
    assertEquals(BooleanValue.FALSE, t.call("yaml.is_valid", s("foo:\n - qux: bar\n - baz: {")));
    assertEquals(BooleanValue.TRUE, t.call("yaml.is_valid", s("{\"json\": \"ok\"}")));
    assertEquals(BooleanValue.FALSE, t.call("yaml.is_valid", NumberValue.of(1)));
  }

  // --- marshal layout ---

  @Test
  void marshalsBlockLayoutLikeGoYamlV2() {
    Value v = j("{\"b\": [1, \"x\", [2, 3], {\"p\": 1, \"q\": [4]}], \"a\": {\"c\": null, \"d\": true}, \"e\": {}, \"f\": []}");
    assertEquals("""
        a:
          c: null
          d: true
        b:
        - 1
        - x
        - - 2
          - 3
        - p: 1
          q:
          - 4
        e: {}
        f: []
        """, marshal(v));
  }

  @Test
  void marshalsScalarsAtTheTop() {
    assertEquals("null\n", marshal(NullValue.INSTANCE));
    assertEquals("hello\n", marshal(s("hello")));
    assertEquals("\"\"\n", marshal(s("")));
    assertEquals("[]\n", marshal(ArrayValue.EMPTY));
    assertEquals("{}\n", marshal(ObjectValue.EMPTY));
  }

  @Test
  void quotesStringsThatWouldReadAsOtherTypes() {
    assertEquals("k: \"true\"\n", marshal(ObjectValue.of("k", s("true"))));
    assertEquals("k: \"yes\"\n", marshal(ObjectValue.of("k", s("yes"))));
    assertEquals("k: \"off\"\n", marshal(ObjectValue.of("k", s("off"))));
    assertEquals("k: \"123\"\n", marshal(ObjectValue.of("k", s("123"))));
    assertEquals("k: \"0x1F\"\n", marshal(ObjectValue.of("k", s("0x1F"))));
    assertEquals("k: \"1.5\"\n", marshal(ObjectValue.of("k", s("1.5"))));
    assertEquals("k: \"~\"\n", marshal(ObjectValue.of("k", s("~"))));
    assertEquals("k: \"2001-12-14\"\n", marshal(ObjectValue.of("k", s("2001-12-14"))));
    assertEquals("k: \"1:20\"\n", marshal(ObjectValue.of("k", s("1:20"))));
    assertEquals("\"1\": one\n", marshal(ObjectValue.of("1", s("one"))));
  }

  @Test
  void quotesStringsThatCannotBePlain() {
    assertEquals("k: '- x'\n", marshal(ObjectValue.of("k", s("- x"))));
    assertEquals("k: 'a: b'\n", marshal(ObjectValue.of("k", s("a: b"))));
    assertEquals("k: '#x'\n", marshal(ObjectValue.of("k", s("#x"))));
    assertEquals("k: '''q'': x'\n", marshal(ObjectValue.of("k", s("'q': x"))));
    assertEquals("k: ' lead'\n", marshal(ObjectValue.of("k", s(" lead"))));
    // '#' after a space would start a comment; inside a word it is fine.
    assertEquals("k: 'a#b c #d'\n", marshal(ObjectValue.of("k", s("a#b c #d"))));
    assertEquals("k: a#b\n", marshal(ObjectValue.of("k", s("a#b"))));
    assertEquals("k: \"tab\\there\"\n", marshal(ObjectValue.of("k", s("tab\there"))));
    assertEquals("k: \"\\U0001F600 \\\"q\\\"\"\n", marshal(ObjectValue.of("k", s("😀 \"q\""))));
    assertEquals("k: é and a:b\n", marshal(ObjectValue.of("k", s("é and a:b"))));
  }

  @Test
  void multiLineStringsAreLiteralBlocks() {
    assertEquals("k: |-\n  line1\n  line2\n", marshal(ObjectValue.of("k", s("line1\nline2"))));
    assertEquals("k: |\n  a\n", marshal(ObjectValue.of("k", s("a\n"))));
    assertEquals("k: |+\n  a\n\n", marshal(ObjectValue.of("k", s("a\n\n"))));
    assertEquals("k: |2-\n   indented\n  x\n", marshal(ObjectValue.of("k", s(" indented\nx"))));
    assertEquals("- |-\n  a\n  b\n", marshal(ArrayValue.of(s("a\nb"))));
    // A space before a line break rules the block style out.
    assertEquals("k: \"a \\nb\"\n", marshal(ObjectValue.of("k", s("a \nb"))));
    for (String text : new String[] {"line1\nline2", "a\n", "a\n\n", " indented\nx", "a \nb"}) {
      assertEquals(ObjectValue.of("k", s(text)), unmarshal(marshal(ObjectValue.of("k", s(text)))), text);
    }
  }

  @Test
  void numbersAreWrittenAsGoYamlDoes() {
    Value v = ArrayValue.of(NumberValue.of(new BigDecimal("1.5")), NumberValue.of(new BigDecimal("1234567.5")),
        NumberValue.of(new BigDecimal("0.00001")), NumberValue.parse("12345678901234567890"),
        NumberValue.of(new BigDecimal("1e30")), NumberValue.of(-42));
    assertEquals("- 1.5\n- 1.2345675e+06\n- 1e-05\n- 12345678901234567890\n- 1e+30\n- -42\n", marshal(v));
  }

  @Test
  void keysSortNaturally() {
    Value v = ObjectValue.builder().put("a10", NumberValue.of(1)).put("a2", NumberValue.of(2))
        .put("b", NumberValue.of(3)).put("A", NumberValue.of(4)).put("_x", NumberValue.of(5)).build();
    // A non-letter sorts before a letter.
    assertEquals("_x: 5\nA: 4\na2: 2\na10: 1\nb: 3\n", marshal(v));
    assertTrue(GoYamlKeys.less("a2", "a10"));
    assertTrue(GoYamlKeys.less("x", "xy"));
  }

  @Test
  void longLinesFoldAtEightyColumns() {
    String text = String.join(" ", java.util.Collections.nCopies(20, "word"));
    String yaml = marshal(ObjectValue.of("k", s(text)));
    String first = "k: " + String.join(" ", java.util.Collections.nCopies(16, "word"));
    assertEquals(first + "\n  " + String.join(" ", java.util.Collections.nCopies(4, "word")) + "\n", yaml);
    assertEquals(ObjectValue.of("k", s(text)), unmarshal(yaml));
  }

  @Test
  void longKeysUseTheExplicitKeyForm() {
    String key = "k".repeat(130);
    String yaml = marshal(ObjectValue.of(key, NumberValue.of(1)));
    assertEquals("? " + key + "\n: 1\n", yaml);
    assertEquals(ObjectValue.of(key, NumberValue.of(1)), unmarshal(yaml));
  }

  // --- unmarshal: go-yaml v2 scalar rules ---

  @Test
  void yaml11ScalarsResolveAsGoYamlV2() {
    Value v = unmarshal("""
        a: yes
        b: Off
        c: y
        d: ~
        e:
        f: 0x1F
        g: 0o17
        h: 017
        i: 1_000
        j: .5
        k: 1e3
        l: 2001-12-14
        m: 1:20
        nn: "true"
        o: !!str 123
        p: -7
        q: 08
        r: 12345678901234567890
        s: 3.0
        t: hello world
        """);
    ObjectValue o = (ObjectValue) v;
    assertEquals(BooleanValue.TRUE, o.get("a"));
    assertEquals(BooleanValue.FALSE, o.get("b"));
    assertEquals(BooleanValue.TRUE, o.get("c"));
    assertEquals(NullValue.INSTANCE, o.get("d"));
    assertEquals(NullValue.INSTANCE, o.get("e"));
    assertEquals(NumberValue.of(31), o.get("f"));
    assertEquals(NumberValue.of(15), o.get("g"));
    assertEquals(NumberValue.of(15), o.get("h"));
    assertEquals(NumberValue.of(1000), o.get("i"));
    assertEquals(NumberValue.of(new BigDecimal("0.5")), o.get("j"));
    assertEquals(NumberValue.of(1000), o.get("k"));
    assertEquals(s("2001-12-14"), o.get("l"));
    assertEquals(s("1:20"), o.get("m"));
    assertEquals(s("true"), o.get("nn"));
    assertEquals(s("123"), o.get("o"));
    assertEquals(NumberValue.of(-7), o.get("p"));
    assertEquals(NumberValue.of(8), o.get("q"));
    assertEquals(NumberValue.parse("12345678901234567890"), o.get("r"));
    assertEquals(NumberValue.of(3), o.get("s"));
    assertEquals(s("hello world"), o.get("t"));
  }

  @Test
  void keysBecomeStringsAsSigsK8sYamlMakesThem() {
    assertEquals(j("{\"1\": \"a\", \"true\": \"b\", \"1.5\": \"c\", \"x\": \"d\"}"), unmarshal("1: a\ntrue: b\n1.5: c\nx: d\n"));
    assertTrue(error("~: a").startsWith("unsupported map key of type"));
    assertTrue(error("[1]: a").startsWith("yaml: invalid map key"));
  }

  @Test
  void yaml11BooleanKeysBecomeTrueAndFalseAsInGoYamlV2() {
    // A well-known go-yaml v2 trait: plain y, n, on, off are booleans, also as keys.
    assertEquals(j("{\"true\": 1, \"false\": 2, \"x\": 3}"), unmarshal("y: 1\nn: 2\nx: 3\n"));
  }

  @Test
  void explicitTagsAreChecked() {
    assertEquals(NumberValue.of(12), unmarshal("!!int 12"));
    assertEquals(NumberValue.of(12), unmarshal("!!float 12"));
    assertEquals("yaml: cannot decode !!str `abc` as a !!int", error("!!int abc"));
    assertEquals(s("hello"), unmarshal("!!binary aGVsbG8="));
    assertEquals(s("x"), unmarshal("!custom x"));
  }

  @Test
  void documentsAndEdgeCases() {
    assertEquals(NullValue.INSTANCE, unmarshal(""));
    assertEquals(NullValue.INSTANCE, unmarshal("# only a comment\n"));
    assertEquals(NumberValue.of(1), unmarshal("1\n---\n2\n"));
    assertEquals(j("{\"a\": 2}"), unmarshal("a: 1\na: 2\n"));
    assertEquals("json: unsupported value: +Inf", error("a: .inf"));
    assertEquals("json: unsupported value: NaN", error("[.nan]"));
    assertEquals(s("é 😀"), unmarshal("\"\\u00e9 \\U0001F600\""));
  }

  @Test
  void anchorsAliasesAndMergeKeys() {
    Value v = unmarshal("""
        base: &b {x: 1, yy: 2}
        other: *b
        merged:
          <<: *b
          yy: 3
        multi:
          <<: [{a: 1}, {a: 2, b: 2}]
        """);
    assertEquals(j("""
        {"base": {"x": 1, "yy": 2}, "other": {"x": 1, "yy": 2}, "merged": {"x": 1, "yy": 3},
         "multi": {"a": 1, "b": 2}}"""), v);
    assertTrue(error("a: *nope").contains("unknown anchor 'nope' referenced"), error("a: *nope"));
  }

  @Test
  void billionLaughsIsRefused() {
    StringBuilder sb = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (int i = 1; i <= 8; i++) {
      sb.append("a").append(i).append(": &a").append(i).append(" [");
      for (int k = 0; k < 9; k++) {
        sb.append(k > 0 ? "," : "").append("*a").append(i - 1);
      }
      sb.append("]\n");
    }
    long start = System.nanoTime();
    assertEquals("yaml: document contains excessive aliasing", error(sb.toString()));
    assertEquals(BooleanValue.FALSE, t.call("yaml.is_valid", s(sb.toString())));
    assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused quickly");
  }

  @Test
  void modestAliasUseIsAccepted() {
    Value v = unmarshal("a: &x [1, 2]\nb: [*x, *x, *x]\n");
    assertEquals(j("{\"a\": [1, 2], \"b\": [[1, 2], [1, 2], [1, 2]]}"), v);
  }

  @Test
  void deepNestingFailsWithAnErrorNotAStackOverflow() {
    String deep = "[".repeat(50_000) + "]".repeat(50_000);
    assertTrue(error(deep).startsWith("yaml: "), error(deep));
    String block = new StringBuilder().repeat("- ", 5_000).append("x").toString();
    assertTrue(error(block).startsWith("yaml: "));
  }

  @Test
  void syntaxErrorsUseGoYamlWording() {
    assertEquals("yaml: line 2: mapping values are not allowed in this context", error("a: b\nc: d: e\n"));
    assertEquals("yaml: line 1: did not find expected ',' or '}'", error("{a: 1"));
    assertTrue(error("a:\n\tb: 1").contains("found character that cannot start any token"));
  }
}
