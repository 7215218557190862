package dev.mandate.rego.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.ObjectValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end on the real engine, including the shipped examples. */
class RegoCliEngineTest {
  @TempDir Path tmp;

  private static final Path EXAMPLES = RepoPaths.root().resolve("examples");

  private static RegoCliTest.Run run(String... args) {
    return runWithStdin("", args);
  }

  private static RegoCliTest.Run runWithStdin(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = RegoCli.execute(args,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(out, true), new PrintWriter(err, true));
    return new RegoCliTest.Run(code, out.toString(), err.toString());
  }

  private Path write(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void readmeExampleAllowsBob() {
    RegoCliTest.Run r = run("eval", "-d", EXAMPLES.resolve("rbac.rego").toString(),
        "-i", EXAMPLES.resolve("rbac-input.json").toString(), "data.rbac.allow");
    assertEquals("", r.err());
    assertEquals(0, r.code());
    assertEquals("""
        {
          "result": [
            {
              "expressions": [
                {
                  "value": true,
                  "text": "data.rbac.allow",
                  "location": {
                    "row": 1,
                    "col": 1
                  }
                }
              ]
            }
          ]
        }
        """, r.out());
  }

  @Test
  void shippedExampleTestsPass() {
    RegoCliTest.Run r = run("test", EXAMPLES.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().endsWith("6 passed, 0 failed\n"), r.out());
  }

  @Test
  void bindingsAndSetsAsOpaPrintsThem() {
    RegoCliTest.Run r = run("eval", "x := {3, 1, 2}; y := count(x)");
    assertEquals(0, r.code(), r.err());
    assertEquals(Json.parse("""
        {"result": [{"expressions": [
           {"value": true, "text": "x := {3, 1, 2}", "location": {"row": 1, "col": 1}},
           {"value": true, "text": "y := count(x)", "location": {"row": 1, "col": 17}}],
         "bindings": {"x": [1, 2, 3], "y": 3}}]}
        """), Json.parse(r.out()));
  }

  @Test
  void undefinedPrintsEmptyObjectAndFailFlagExits1() throws IOException {
    Path policy = write("p.rego", "package p\n\nq if false\n");
    RegoCliTest.Run r = run("eval", "-d", policy.toString(), "data.p.q");
    assertEquals(0, r.code(), r.err());
    assertEquals("{}\n", r.out());
    assertEquals(1, run("eval", "--fail", "-d", policy.toString(), "data.p.q").code());
    assertEquals(1, run("eval", "--fail-defined", "-d", policy.toString(), "data.p").code());
  }

  @Test
  void dataFilesMergeAtRootAndByDirectory() throws IOException {
    Path top = write("top.json", "{\"limits\": {\"max\": 3}}");
    Files.createDirectories(tmp.resolve("bundle/users"));
    Files.writeString(tmp.resolve("bundle/users/data.yaml"), "alice: {admin: true}\n");
    RegoCliTest.Run r = run("eval", "-d", top.toString(), "-d", tmp.resolve("bundle").toString(),
        "x := [data.limits.max, data.users.alice.admin]");
    assertEquals(0, r.code(), r.err());
    assertTrue(GoJson.compact(Json.parse(r.out())).contains("\"x\":[3,true]"), r.out());
  }

  @Test
  void inputFromStdin() {
    RegoCliTest.Run r = runWithStdin("{\"n\": 41}", "eval", "-I", "x := input.n + 1");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("\"x\": 42"), r.out());
  }

  @Test
  void compileErrorsPrintOneLinePerErrorAndExit1() throws IOException {
    Path bad = write("bad.rego", "package bad\n\np if {\n  x == 1\n}\n");
    RegoCliTest.Run r = run("eval", "-d", bad.toString(), "data.bad.p");
    assertEquals(1, r.code());
    assertEquals("", r.out());
    assertTrue(r.err().startsWith(bad + ":4:3: rego_unsafe_var_error: "), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void evalErrorsPrintTheLocationAndExit1() throws IOException {
    Path conflict = write("c.rego", "package c\n\np := 1\n\np := 2 if true\n");
    RegoCliTest.Run r = run("eval", "-d", conflict.toString(), "data.c.p");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("eval_conflict_error"), r.err());
    assertTrue(r.err().startsWith(conflict.toString() + ":"), r.err());
  }

  @Test
  void strictBuiltinErrorsAreErrors() {
    assertEquals("{}\n", run("eval", "x := to_number(\"abc\")").out());
    RegoCliTest.Run strict = run("eval", "--strict-builtin-errors", "x := to_number(\"abc\")");
    assertEquals(1, strict.code());
    assertTrue(strict.err().contains("eval_builtin_error"), strict.err());
  }

  @Test
  void failingTestsExit1AndAreListed() throws IOException {
    Path tests = write("t_test.rego", """
        package t

        test_ok if true

        test_false if false

        test_undefined if input.nope

        test_error := x if {
          some x in [1, 2]
        }
        """);
    RegoCliTest.Run r = run("test", tests.toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("data.t.test_false: FAIL ("), r.out());
    assertTrue(r.out().contains("data.t.test_undefined: FAIL ("), r.out());
    assertTrue(r.out().contains("data.t.test_error: ERROR ("), r.out());
    assertTrue(r.out().contains("eval_conflict_error"), r.out());
    assertFalse(r.out().contains("test_ok"), r.out());
    assertTrue(r.out().endsWith("1 passed, 3 failed\n"), r.out());
  }

  @Test
  void runFilterSelectsTests() {
    RegoCliTest.Run r = run("test", "-v", "--run", "viewer", EXAMPLES.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("data.rbac_test.test_viewer_cannot_write: PASS"), r.out());
    assertTrue(r.out().endsWith("1 passed, 0 failed\n"), r.out());
  }

  @Test
  void benchReportsStatisticsAsJson() {
    RegoCliTest.Run r = run("bench", "--count", "20", "--warmup", "10ms", "--format", "json",
        "-d", EXAMPLES.resolve("rbac.rego").toString(),
        "-i", EXAMPLES.resolve("rbac-input.json").toString(), "data.rbac.allow");
    assertEquals(0, r.code(), r.err());
    ObjectValue o = (ObjectValue) Json.parse(r.out());
    assertEquals("20", o.get("samples").toString());
    assertTrue(o.get("p99_ns") != null && o.get("median_ns") != null);
    assertEquals(Json.parse("true"), ((ObjectValue) ((dev.mandate.rego.value.ArrayValue)
        ((ObjectValue) ((dev.mandate.rego.value.ArrayValue) ((ObjectValue) o.get("result"))
            .get("result")).get(0)).get("expressions")).get(0)).get("value"));
  }
}
