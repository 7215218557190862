package dev.mandate.pdp.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.pdp.support.TestPdp;
import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.ObjectValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyDirectoryTest {
  @TempDir Path tmp;

  @Test
  void readsRegoTestsAndDataFilesOnly() throws Exception {
    TestPdp.writeAll(tmp, Map.of(
        "a/policy.rego", "package a\n",
        "a/policy_test.rego", "package a\n\ntest_x if true\n",
        "a/data.json", "{}",
        "b/c/data.yaml", "x: 1\n",
        "notes.md", "ignored",
        "a/other.json", "{}"));
    List<String> paths = new PolicyDirectory(tmp).read().files().stream()
        .map(PolicyFile::path).toList();
    assertEquals(List.of("a/data.json", "a/policy.rego", "a/policy_test.rego", "b/c/data.yaml"),
        paths);
  }

  @Test
  void kubernetesConfigMapShadowDirectoriesAreSkipped() throws Exception {
    TestPdp.writeAll(tmp, Map.of("..2024_01_01/p.rego", "package p\n", "p.rego", "package p\n"));
    assertEquals(1, new PolicyDirectory(tmp).read().files().size());
  }

  @Test
  void revisionIsAContentHash() {
    TestPdp.writeAll(tmp, Map.of("p.rego", "package p\n", "q.rego", "package q\n"));
    PolicyDirectory dir = new PolicyDirectory(tmp);
    String r1 = dir.read().revision();
    assertEquals(r1, dir.read().revision(), "stable");
    assertTrue(r1.matches("[0-9a-f]{64}"));
    TestPdp.write(tmp.resolve("q.rego"), "package q\n\nx := 1\n");
    String r2 = dir.read().revision();
    assertNotEquals(r1, r2);
    TestPdp.write(tmp.resolve("q.rego"), "package q\n");
    assertEquals(r1, dir.read().revision(), "same content, same revision");
  }

  @Test
  void renamingAFileChangesTheRevision() throws Exception {
    TestPdp.write(tmp.resolve("p.rego"), "package p\n");
    String r1 = new PolicyDirectory(tmp).read().revision();
    Files.move(tmp.resolve("p.rego"), tmp.resolve("r.rego"));
    assertNotEquals(r1, new PolicyDirectory(tmp).read().revision());
  }

  @Test
  void dataIsPlacedByDirectoryAndMerged() {
    TestPdp.writeAll(tmp, Map.of(
        "data.json", "{\"top\": 1, \"roles\": {\"admin\": [\"alice\"]}}",
        "roles/data.yml", "viewer: [bob]\n",
        "x/y/data.json", "[1, 2]"));
    ObjectValue data = new PolicyCompilerProbe(tmp).data();
    assertEquals(Json.parse("{\"admin\": [\"alice\"], \"viewer\": [\"bob\"]}"), data.get("roles"));
    assertEquals(Json.parse("{\"y\": [1, 2]}"), data.get("x"));
  }

  @Test
  void conflictingDataIsAnError() {
    TestPdp.writeAll(tmp, Map.of(
        "data.json", "{\"roles\": {\"admin\": 1}}",
        "roles/data.json", "{\"admin\": 2}"));
    PolicyLoadException e = assertThrows(PolicyLoadException.class,
        () -> PolicyCompiler.compile(new PolicyDirectory(tmp).read()));
    assertTrue(e.problems().get(0).contains("data.roles.admin"), e.problems().toString());
  }

  @Test
  void compileErrorsCarryFileLineAndColumn() {
    TestPdp.writeAll(tmp, Map.of("bad.rego", "package bad\n\nallow if {\n"));
    PolicyLoadException e = assertThrows(PolicyLoadException.class,
        () -> PolicyCompiler.compile(new PolicyDirectory(tmp).read()));
    assertTrue(e.problems().get(0).matches("bad\\.rego:\\d+:\\d+: rego_parse_error: .*"),
        e.problems().toString());
  }

  @Test
  void storeKeepsTheLastGoodRevisionAndSkipsKnownBadOnes() {
    TestPdp.write(tmp.resolve("p.rego"), "package p\n\nx := 1\n");
    List<ReloadOutcome> seen = new ArrayList<>();
    PolicyStore store = new PolicyStore(new PolicyDirectory(tmp), 4, seen::add);
    PolicySnapshot first = store.loadInitial();
    assertInstanceOf(ReloadOutcome.Unchanged.class, store.reload());
    TestPdp.write(tmp.resolve("p.rego"), "package p\n\nx := \n");
    assertInstanceOf(ReloadOutcome.Rejected.class, store.reload());
    assertEquals(first, store.current());
    assertInstanceOf(ReloadOutcome.Unchanged.class, store.reload(), "known bad is not retried");
    TestPdp.write(tmp.resolve("p.rego"), "package p\n\nx := 2\n");
    ReloadOutcome ok = store.reload();
    assertInstanceOf(ReloadOutcome.Activated.class, ok);
    assertEquals(Json.parse("2"), store.current().prepare("data.p.x")
        .eval(EvalOptions.defaults()).get(0).expressions().get(0));
    assertEquals(2, seen.size(), "listener saw the rejection and the activation");
  }

  @Test
  void watcherWaitsForAStableScanBeforeReloading() {
    TestPdp.write(tmp.resolve("p.rego"), "package p\n\nx := 1\n");
    PolicyStore store = new PolicyStore(new PolicyDirectory(tmp), 4, o -> {});
    PolicySnapshot first = store.loadInitial();
    PolicyWatcher w = new PolicyWatcher(store, java.time.Duration.ofSeconds(60));
    TestPdp.write(tmp.resolve("p.rego"), "package p\n\nx := 2\n");
    w.scan();
    assertEquals(first, store.current(), "one scan only marks the change");
    w.scan();
    assertNotEquals(first, store.current(), "the second agreeing scan reloads");
    w.close();
  }

  /** Compiles the directory and reads back its base document. */
  private record PolicyCompilerProbe(Path dir) {
    ObjectValue data() {
      return PolicyCompiler.compile(new PolicyDirectory(dir).read()).data();
    }
  }
}
