package dev.mandate.rego.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.ast.Expr;
import dev.mandate.rego.ast.Location;
import dev.mandate.rego.ast.Module;
import dev.mandate.rego.ast.Rule;
import dev.mandate.rego.ast.Term;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.StringValue;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserAstTest {

  private static String query(String src) {
    return AstText.body(Parser.parseQuery(src));
  }

  private static String term(String src) {
    return AstText.term(Parser.parseTerm(src));
  }

  private static List<String> rules(String src) {
    Module m = Parser.parseModule("test.rego", "package test\n" + src);
    return m.rules().stream().map(AstText::rule).toList();
  }

  @Test
  void scalars() {
    assertEquals("null", term("null"));
    assertEquals("true", term("true"));
    assertEquals("false", term("false"));
    assertEquals("\"a\\nb\"", term("\"a\\nb\""));
    assertEquals("\"raw\\\\n\"", term("`raw\\n`"));
    Term.Scalar n = (Term.Scalar) Parser.parseTerm("-0.5E-2");
    assertEquals(NumberValue.of(new BigDecimal("-0.005")), n.value());
    assertEquals(NumberValue.of(1000), ((Term.Scalar) Parser.parseTerm("1e3")).value());
    assertEquals(NumberValue.of(new BigDecimal("0.5")), ((Term.Scalar) Parser.parseTerm(".5")).value());
    assertEquals(NumberValue.of(-1), ((Term.Scalar) Parser.parseTerm("- 1")).value());
    assertEquals(NumberValue.of(new BigDecimal("123456789012345678901234567890")),
        ((Term.Scalar) Parser.parseTerm("123456789012345678901234567890")).value());
  }

  @Test
  void stringEscapes() {
    assertEquals(StringValue.of("é😀/\t\""),
        ((Term.Scalar) Parser.parseTerm("\"\\u00e9\\ud83d\\ude00\\/\\t\\\"\"")).value());
    // A lone surrogate becomes U+FFFD, as Go's JSON decoder does.
    assertEquals(StringValue.of("\uFFFDx"), ((Term.Scalar) Parser.parseTerm("\"\\ud83dx\"")).value());
    assertEquals(StringValue.of("a\nb"), ((Term.Scalar) Parser.parseTerm("`a\nb`")).value());
  }

  @Test
  void compositesAndComprehensions() {
    assertEquals("obj()", term("{}"));
    assertEquals("set()", term("set()"));
    assertEquals("set(1, 2)", term("{1, 2}"));
    assertEquals("obj(\"a\": 1, k: v, 1: 2)", term("{\"a\": 1, k: v, 1: 2,}"));
    assertEquals("arr(1, arr(2), obj(\"x\": null))", term("[1, [2], {\"x\": null},]"));
    assertEquals("obj(\"foo\": set(set(1)))", term("{\"foo\": {{1}}}"));
    assertEquals("acomp(x | somein(x in xs))", term("[x | some x in xs]"));
    assertEquals("scomp(x | assign(x, 1); y)", term("{x | x := 1; y}"));
    assertEquals("scomp(x | a; b)", term("{x |\n  a\n  b\n}"));
    assertEquals("ocomp(k: v | unify(v, xs[k]))".replace("xs[k]", "ref(xs, k)"), term("{k: v | v = xs[k]}"));
    // Comprehensions take priority over `|`, but a comma makes it a list after all.
    assertEquals("scomp(1 | 2)", term("{1 | 2}"));
    assertEquals("set(call(or, a, b), c)", term("{a | b, c}"));
    assertEquals("arr(call(or, a, b), c)", term("[a | b, c]"));
    assertEquals("ocomp(call(plus, a, 1): b | c)", term("{a + 1: b | c}"));
  }

  @Test
  void refsAndCalls() {
    assertEquals("ref(a, \"b\", c, \"d\", 0, \"e\")", term("a.b[c][\"d\"][0].e"));
    assertEquals("ref(arr(1, 2), 0)", term("[1, 2][0]"));
    assertEquals("ref(call(f, x), \"y\")", term("f(x).y"));
    assertEquals("ref(call(f, x), 0)", term("f(x)[0]"));
    assertEquals("ref(input)", term("input"));
    assertEquals("ref(data)", term("data"));
    assertEquals("ref(input, \"if\", \"contains\")", term("input.if.contains"));
    assertEquals("call(count, x)", query("count(x)"));
    assertEquals("call(a.b.c, x, y)", query("a.b.c(x, y)"));
    assertEquals("call(data.pkg.f, x)", query("data.pkg.f(x)"));
    assertEquals("call(contains, s, \"x\")", query("contains(s, \"x\")"));
    assertEquals("call(time.now_ns)", query("time.now_ns()"));
    // Whitespace ends a ref: `x [1]` is two expressions.
    assertEquals("x; arr(1)", query("x\n[1]"));
  }

  @Test
  void operatorPrecedenceAndAssociativity() {
    assertEquals("call(plus, 1, call(mul, 2, 3))", query("1 + 2 * 3"));
    assertEquals("call(minus, call(minus, 1, 2), 3)", query("1 - 2 - 3"));
    assertEquals("call(mul, call(plus, a, b), c)", query("(a + b) * c"));
    assertEquals("call(equal, call(or, a, call(and, b, c)), d)", query("a | b & c == d"));
    assertEquals("call(internal.member_2, call(lt, x, 1), xs)", query("x < 1 in xs"));
    assertEquals("call(rem, call(div, a, b), c)", query("a / b % c"));
    // All relations share one level, left-associative like the rest.
    assertEquals("call(lte, call(neq, call(gte, a, b), c), d)", query("a >= b != c <= d"));
    assertEquals("call(minus, x, 1)", query("x -1"));
  }

  @Test
  void membership() {
    assertEquals("call(internal.member_2, x, xs)", query("x in xs"));
    assertEquals("call(internal.member_3, k, v, obj(\"a\": 1))", query("k, v in {\"a\": 1}"));
    assertEquals("call(f, a, call(internal.member_2, b, c))", query("f(a, b in c)"));
    assertEquals("arr(a, call(internal.member_2, b, c))", query("[a, b in c]"));
    assertEquals("assign(x, call(internal.member_3, k, v, o))", query("x := k, v in o"));
  }

  @Test
  void expressions() {
    assertEquals("unify(a, b); assign(arr(x, y), arr)", query("a = b; [x, y] := arr"));
    assertEquals("some(x, y)", query("some x, y"));
    assertEquals("somein(x in xs)", query("some x in xs"));
    assertEquals("somein(k, arr(a, b) in xs)", query("some k, [a, b] in xs"));
    assertEquals("every(x in xs | call(gt, x, 0))", query("every x in xs { x > 0 }"));
    assertEquals("every(k, v in xs | call(equal, k, v); v)", query("every k, v in xs {\n k == v\n v\n}"));
    assertEquals("not call(internal.member_2, x, xs)", query("not x in xs"));
    assertEquals("ref(data, \"a\") with ref(input, \"x\") as 1 with ref(data, \"y\") as z with ref(count) as f",
        query("data.a with input.x as 1 with data.y as z with count as f"));
    assertEquals("x with ref(time.now_ns) as 1".replace("ref(time.now_ns)", "ref(time, \"now_ns\")"),
        query("x with time.now_ns as 1"));
    // `with` may continue an expression on the next line.
    assertEquals("x with ref(input) as 1", query("x\n  with input as 1"));
    // An expression continues across lines while an operator is pending.
    assertEquals("assign(x, call(plus, 1, 2))", query("x := 1 +\n  2"));
    assertEquals("a; b; c", query("a\nb; c"));
    assertEquals("_", query("_"));
  }

  @Test
  void locations() {
    List<Expr> body = Parser.parseQuery("q", "x := 1\n  not y[0] with input as 2");
    assertEquals(new Location("q", 1, 1), body.get(0).location());
    Expr second = body.get(1);
    assertEquals(new Location("q", 2, 3), second.location());
    Term.Ref ref = (Term.Ref) ((Expr.TermExpr) second.node()).term();
    assertEquals(new Location("q", 2, 7), ref.location());
    assertEquals(new Location("q", 2, 9), ref.path().get(0).location());
    assertEquals(new Location("q", 2, 12), second.withs().get(0).location());
    Term.Call call = (Term.Call) ((Expr.TermExpr) Parser.parseQuery("q", "\ta + b").get(0).node()).term();
    assertEquals(new Location("q", 1, 2), call.location());
    assertEquals(new Location("q", 1, 4), call.operator().location());
  }

  @Test
  void modulePackageAndImports() {
    Module m = Parser.parseModule("m.rego", "# METADATA\n# title: x\npackage a[\"b-c\"].d\n\n"
        + "import data.x.y as z\nimport input.foo\nimport rego.v1\nimport future.keywords\nimport future.keywords.in\n");
    assertEquals(List.of("a", "b-c", "d"), m.packagePath());
    assertEquals(new Location("m.rego", 3, 1), m.packageLocation());
    assertEquals(5, m.imports().size());
    Module.Import first = m.imports().get(0);
    assertEquals("ref(data, \"x\", \"y\")", AstText.term(first.path()));
    assertEquals("z", first.alias());
    assertEquals(new Location("m.rego", 5, 1), first.location());
    assertNull(m.imports().get(1).alias());
    assertEquals("ref(future, \"keywords\", \"in\")", AstText.term(m.imports().get(4).path()));
    assertTrue(m.rules().isEmpty());
  }

  @Test
  void ruleForms() {
    assertEquals(List.of(
        "ref(p) := 1 {  }",
        "ref(q) = 1 {  }",
        "ref(r) = true { x }",
        "ref(s) = true { call(gt, x, 1) with ref(input) as 1 }",
        "ref(t) := v { assign(v, 2) }",
        "ref(u) contains x { somein(x in xs) }",
        "ref(w) contains 1 {  }",
        "ref(o, k) := v { unify(v, 1) }",
        "ref(p, \"q\", \"r\") := 1 {  }",
        "ref(p, q, \"r\") := v { v }",
        "ref(a, \"b\", x) contains y { y }",
        "ref(p, \"q\", r) = true { r }",
        "ref(p, \"x\") = true { true }"),
        rules("p := 1\nq = 1\nr if { x }\ns if x > 1 with input as 1\nt := v if { v := 2 }\n"
            + "u contains x if { some x in xs }\nw contains 1\no[k] := v if { v = 1 }\np.q.r := 1\n"
            + "p[q].r := v if v\na.b[x] contains y if y\np.q[r] if r\np[\"x\"] if true"));
  }

  @Test
  void functionsAndDefaults() {
    assertEquals(List.of(
        "ref(f)(x) := y { assign(y, call(plus, x, 1)) }",
        "ref(g)(x, arr(a, b), 1, _) = true { a }",
        "ref(h)(x) = y { true }",
        "ref(k)(x) = true {  }",
        "default ref(f)(_) := 1 {  }",
        "default ref(p) := false {  }",
        "default ref(d) = true {  }"),
        rules("f(x) := y if { y := x + 1 }\ng(x, [a, b], 1, _) if a\nh(x) = y if true\nk(x)\n"
            + "default f(_) := 1\ndefault p := false\ndefault d"));
    Rule f = Parser.parseModule("t", "package t\nf(x) := 1 if true").rules().get(0);
    assertTrue(f.head().isFunction());
    Rule p = Parser.parseModule("t", "package t\np := 1").rules().get(0);
    assertNull(p.head().args());
    assertTrue(p.body().isEmpty());
  }

  @Test
  void elseChains() {
    Rule r = Parser.parseModule("t", "package t\n"
        + "f(x) := 1 if { x == 1 } else := 2 if { x == 2 } else = 3 if x == 3 else if { true } else := 5")
        .rules().get(0);
    assertEquals("ref(f)(x) := 1 { call(equal, x, 1) } else ref(f)(x) := 2 { call(equal, x, 2) } "
        + "else ref(f)(x) = 3 { call(equal, x, 3) } else ref(f)(x) = true { true } else ref(f)(x) := 5 {  }",
        AstText.rule(r));
    Rule e = r.elseRule();
    assertEquals(new Location("t", 2, 25), e.location());
    assertEquals(new Location("t", 2, 25), e.head().location());
    Rule last = e.elseRule().elseRule().elseRule();
    assertTrue(last.body().isEmpty());
    assertNull(last.elseRule());
    // `else { ... }` after a rule with `if` is accepted, as in OPA.
    assertEquals(List.of("ref(p) = true { false } else ref(p) = true { true }"),
        rules("p if { false } else { true }"));
  }

  @Test
  void chainedBodiesDefineMoreRules() {
    List<Rule> rs = Parser.parseModule("t", "package t\np if { a } { b }").rules();
    assertEquals(2, rs.size());
    assertEquals("ref(p) = true { b }", AstText.rule(rs.get(1)));
    assertEquals(new Location("t", 2, 12), rs.get(1).location());
  }

  @Test
  void generatedValueIsTrueAtHeadLocation() {
    Rule r = Parser.parseModule("t", "package t\n\n  p.q if x").rules().get(0);
    Term.Scalar v = assertInstanceOf(Term.Scalar.class, r.head().value());
    assertEquals(BooleanValue.TRUE, v.value());
    assertEquals(new Location("t", 3, 3), v.location());
    assertEquals(new Location("t", 3, 3), r.head().location());
    assertEquals(new Location("t", 3, 3), r.location());
  }

  @Test
  void keywordsAsRefHeadsAndStatementsWithoutNewlines() {
    assertEquals(List.of("ref(p) := 1 {  }", "ref(q) := 2 {  }"), rules("p := 1 q := 2"));
    assertEquals("ref(if, \"x\")", query("if.x"));
    assertEquals(List.of("ref(x) = true { ref(input, \"else\") }"), rules("x if input.else"));
  }

  @Test
  void ifBodyThatIsAnObjectOrComprehensionIsOneExpression() {
    // OPA tries a single expression after `if` first; only a set literal means a braced body.
    assertEquals(List.of("ref(p) = true { obj(\"a\": 1) }"), rules("p if {\"a\": 1}"));
    assertEquals(List.of("ref(p) = true { true }"), rules("p if { true }"));
  }
}
