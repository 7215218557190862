package dev.mandate.rego.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mandate.rego.RegoError;
import dev.mandate.rego.RegoException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Malformed inputs fail with OPA's message at OPA's position (file:line:column). */
class ParserErrorTest {

  private static RegoError moduleError(String src) {
    RegoException e = assertThrows(RegoException.class, () -> Parser.parseModule("test.rego", src));
    assertEquals(RegoError.PARSE, e.code());
    return e.errors().get(0);
  }

  private static RegoError queryError(String src) {
    RegoException e = assertThrows(RegoException.class, () -> Parser.parseQuery(src));
    assertEquals(RegoError.PARSE, e.code());
    return e.errors().get(0);
  }

  private static void assertError(RegoError error, String where, String message) {
    assertEquals(message, error.message());
    assertEquals(where, error.location().toString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "x := }                 | query:1:6  | unexpected } token",
      "x := [1, 2             | query:1:10 | unexpected eof token: expected \",\" or \"]\"",
      "x := {1, 2             | query:1:10 | unexpected eof token: expected \",\" or \"}\"",
      "f(x                    | query:1:3  | unexpected eof token: expected \",\" or \")\"",
      "f(1 2)                 | query:1:5  | unexpected number token: expected \",\" or \")\"",
      "a[1                    | query:1:3  | unexpected eof token: expected [",
      "x = \"abc              | query:1:5  | non-terminated string",
      "x = \"\\q\"            | query:1:5  | illegal escape sequence",
      "x = \"\\u12G4\"        | query:1:5  | illegal string literal: \"\\u12G4\"",
      "x = 01                 | query:1:5  | unexpected number token: expected number without leading zero",
      "x = 1.                 | query:1:5  | expected fraction",
      "x = 1e                 | query:1:5  | expected exponent",
      "x = 12abc              | query:1:5  | illegal number format",
      "x = 1e999999           | query:1:5  | number too big",
      "x = -y                 | query:1:6  | unexpected identifier token: expected number",
      "a ! b                  | query:1:3  | illegal ! character",
      "a @ b                  | query:1:3  | illegal token",
      "x := a. b              | query:1:8  | unexpected whitespace token: expected identifier",
      "x := a.1               | query:1:8  | unexpected number token: expected identifier",
      "x := (1 + 2            | query:1:11 | non-terminated expression",
      "x := \"a\".b           | query:1:6  | illegal ref (head cannot be string)",
      "every x in xs          | query:1:13 | unexpected eof token: missing body",
      "every x in xs {}       | query:1:16 | found empty body",
      "every 1 in xs { x }    | query:1:15 | unexpected { token: expected value to be a variable",
      "every x { x }          | query:1:9  | unexpected { token: expected `x[, y] in xs { ... }` expression",
      "not some x             | query:1:5  | unexpected some keyword: illegal negation of 'some'",
      "not every x in y {x}   | query:1:5  | unexpected every keyword: illegal negation of 'every'",
      "some 1                 | query:1:6  | unexpected number token: expected var",
      "some f(x)              | query:1:9  | unexpected eof token: expected `x in xs` or `x, y in xs` expression",
      "x with 1 as 2          | query:1:8  | unexpected number token: expected ident",
      "x with f(1) as 2       | query:1:13 | unexpected as keyword: expected with target path",
      "x with input 2         | query:1:14 | unexpected number token: expected as keyword",
      "{\"a\": 1, \"b\" 2}    | query:1:7  | unexpected number token: non-terminated object",
      "x := if                | query:1:6  | unexpected if keyword",
      "package a              | query:1:1  | unexpected package keyword",
  })
  void queryErrors(String src, String where, String message) {
    assertError(queryError(src.strip()), where.strip(), message.strip());
  }

  @Test
  void comprehensionBodySeparator() {
    assertError(queryError("[x | y z]"), "query:1:8", "unexpected identifier token: expected \\n or ; or ]");
  }

  @Test
  void eofPositionIsOnTheLineAfterATrailingNewline() {
    // Like OPA, the end of input sits at column 0 of the line after the last newline.
    assertError(moduleError("package a\np if {\n  x := 1\n"), "test.rego:4:0", "unexpected eof token");
    assertError(moduleError("package a\np if {"), "test.rego:2:6", "unexpected eof token");
  }

  @Test
  void bodySeparators() {
    assertError(moduleError("package a\np if {\n  x := 1 y := 2\n}"), "test.rego:3:10",
        "unexpected identifier token: expected \\n or ; or }");
    assertError(moduleError("package a\np if { a; }"), "test.rego:2:11", "unexpected } token");
  }

  @Test
  void regoV1RuleChecks() {
    assertError(moduleError("package a\np { true }"), "test.rego:2:1", "`if` keyword is required before rule body");
    assertError(moduleError("package a\n\nf(x) { true }"), "test.rego:3:1",
        "`if` keyword is required before function body");
    RegoException both = assertThrows(RegoException.class,
        () -> Parser.parseModule("test.rego", "package a\np[x] { x := 1 }"));
    assertEquals(List.of("`if` keyword is required before rule body",
        "`contains` keyword is required for partial set rules"),
        both.errors().stream().map(RegoError::message).toList());
    assertError(moduleError("package a\np[x]"), "test.rego:2:1", "`contains` keyword is required for partial set rules");
    assertError(moduleError("package a\np.q[r]"), "test.rego:2:1",
        "rule must have value assignment and/or body declaration");
    assertError(moduleError("package a\np"), "test.rego:2:1", "var cannot be used for rule name");
    assertError(moduleError("package a\n\"p\""), "test.rego:2:1", "string cannot be used for rule name");
    assertError(moduleError("package a\ncontains := 1"), "test.rego:2:1", "contains keyword cannot be used for rule name");
    assertError(moduleError("package a\nx = 1; y = 2"), "test.rego:2:1", "multiple expressions cannot be used for rule head");
    assertError(moduleError("package a\nnot p"), "test.rego:2:1", "negated expressions cannot be used for rule head");
    assertError(moduleError("package a\n1 + 2"), "test.rego:2:1", "rule name conflicts with built-in function");
    assertError(moduleError("package a\np := 1 with input as 2"), "test.rego:2:1",
        "expressions using with keyword cannot be used for rule head");
  }

  @Test
  void ruleSyntaxErrors() {
    assertError(moduleError("package a\np[x] := 1 if { true } else := 2"), "test.rego:2:23",
        "else keyword cannot be used on rules with variables in head");
    assertError(moduleError("package a\np contains x if { x := 1 } else := 2"), "test.rego:2:28",
        "else keyword cannot be used on multi-value rules");
    assertError(moduleError("package a\nf(x) contains 1"), "test.rego:2:6",
        "unexpected contains keyword: the contains keyword can only be used with multi-value rule definitions"
            + " (e.g., f contains <VALUE> { ... })");
    assertError(moduleError("package a\np if { true } else"), "test.rego:2:18",
        "unexpected eof token: expected else value term or rule body");
    assertError(moduleError("package a\np if { true } else := 1 if"), "test.rego:2:26",
        "unexpected eof token: rule body expected");
    assertError(moduleError("package a\np if { true } else := 1 { x } { y }"), "test.rego:2:31",
        "expected else keyword");
    assertError(moduleError("package a\np+1 := 2"), "test.rego:2:2", "unexpected plus token");
  }

  @Test
  void defaultRules() {
    assertError(moduleError("package a\ndefault p := input.x"), "test.rego:2:1",
        "illegal default rule (value cannot contain ref)");
    assertError(moduleError("package a\ndefault p := [x]"), "test.rego:2:1",
        "illegal default rule (value cannot contain var)");
    assertError(moduleError("package a\ndefault p := count([])"), "test.rego:2:1",
        "illegal default rule (value cannot contain call)");
    assertError(moduleError("package a\ndefault f(1) := 1"), "test.rego:2:1",
        "illegal default rule (arguments cannot contain number)");
    assertError(moduleError("package a\ndefault f(x, x) := 1"), "test.rego:2:1",
        "illegal default rule (arguments cannot be repeated x)");
    assertError(moduleError("package a\ndefault p contains 1"), "test.rego:2:1",
        "illegal default rule (must have a value)");
  }

  @Test
  void packagesAndImports() {
    assertError(moduleError(""), "test.rego:0:0", "empty module");
    assertError(moduleError("# just a comment\n"), "test.rego:0:0", "empty module");
    assertError(moduleError("\n\np := 1"), "test.rego:3:1", "package expected");
    assertError(moduleError("package a\npackage b"), "test.rego:2:1", "unexpected package");
    assertError(moduleError("package 1"), "test.rego:1:9", "unexpected number token");
    assertError(moduleError("package a[1]"), "test.rego:1:11", "unexpected number token: expecting string");
    assertError(moduleError("package a\nimport foo.bar"), "test.rego:2:8",
        "unexpected import path, must begin with one of: {data, future, input, rego}, got: foo"
            + " (hint: if this is unexpected, try updating OPA)");
    assertError(moduleError("package a\nimport data.x.if"), "test.rego:2:15",
        "unexpected import path, must not end with a keyword, got: if");
    assertError(moduleError("package a\nimport data.x[0]"), "test.rego:2:15", "unexpected number token: expecting string");
    assertError(moduleError("package a\nimport rego.v2"), "test.rego:2:8", "invalid import `rego.v2`, must be `rego.v1`");
    assertError(moduleError("package a\nimport future.keywords.foo"), "test.rego:2:8",
        "unexpected keyword, must be one of [contains every if in]");
    assertError(moduleError("package a\nimport future.keywords as k"), "test.rego:2:8", "`future` imports cannot be aliased");
    assertError(moduleError("package a\nimport future.stuff"), "test.rego:2:8", "invalid import, must be `future.keywords`");
    assertError(moduleError("package a\nimport data.x as 1"), "test.rego:2:18", "unexpected number token: expected var");
  }

  @Test
  void lexerErrorsAnywhere() {
    assertError(moduleError("package a\n# comment \u0000\np := 1"), "test.rego:3:1", "illegal null character");
    assertError(moduleError("package a\np := `unterminated"), "test.rego:2:6", "non-terminated string");
    assertError(moduleError("package a\np := $\"x\""), "test.rego:2:6", "template strings are not supported");
  }

  @Test
  void nestingIsBounded() {
    for (String open : List.of("[", "{", "(", "f(", "{\"a\": ", "[x | ", "every x in y { ")) {
      String src = (open.startsWith("every") ? "" : "x := ") + open.repeat(20_000);
      RegoException e = assertThrows(RegoException.class, () -> Parser.parseQuery(src), open);
      assertEquals("max parsing recursion depth exceeded", e.errors().get(0).message(), open);
    }
  }
}
