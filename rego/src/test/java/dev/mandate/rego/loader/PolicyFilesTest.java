package dev.mandate.rego.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.value.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFilesTest {
  @TempDir Path tmp;

  private Path write(String rel, String text) throws IOException {
    Path p = tmp.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void dataFileNamedDirectlyIsMergedAtTheRoot() throws IOException {
    Path a = write("a.json", "{\"roles\": {\"alice\": [\"admin\"]}}");
    Path b = write("b.yaml", "roles:\n  bob: [viewer]\nlimits: {max: 3}\n");
    PolicyFiles files = PolicyFiles.load(List.of(a, b));
    assertEquals(Json.parse("{\"roles\": {\"alice\": [\"admin\"], \"bob\": [\"viewer\"]},"
        + " \"limits\": {\"max\": 3}}"), files.data());
    assertTrue(files.modules().isEmpty());
  }

  @Test
  void dataInsideADirectoryIsPlacedByItsFolderPath() throws IOException {
    write("bundle/top.json", "{\"x\": 1}");
    write("bundle/a/b/data.json", "{\"y\": 2}");
    write("bundle/a/c/data.yml", "z: 3");
    write("bundle/policy/authz.rego", "package authz\n");
    write("bundle/README.md", "ignored");
    PolicyFiles files = PolicyFiles.load(List.of(tmp.resolve("bundle")));
    assertEquals(Json.parse("{\"x\": 1, \"a\": {\"b\": {\"y\": 2}, \"c\": {\"z\": 3}}}"),
        files.data());
    assertEquals(List.of(tmp.resolve("bundle/policy/authz.rego").toString()),
        List.copyOf(files.modules().keySet()));
    assertEquals("package authz\n", files.modules().values().iterator().next());
  }

  @Test
  void conflictingValuesAreAMergeError() throws IOException {
    Path a = write("a.json", "{\"x\": {\"y\": 1}}");
    Path b = write("b.json", "{\"x\": {\"y\": 2}}");
    LoadException e = assertThrows(LoadException.class, () -> PolicyFiles.load(List.of(a, b)));
    assertTrue(e.getMessage().contains("merge error") && e.getMessage().contains("data.x.y"),
        e.getMessage());
  }

  @Test
  void rootDataMustBeAnObject() throws IOException {
    Path a = write("a.json", "[1, 2]");
    assertThrows(LoadException.class, () -> PolicyFiles.load(List.of(a)));
  }

  @Test
  void missingAndUnsupportedFilesAreNamed() throws IOException {
    LoadException missing = assertThrows(LoadException.class,
        () -> PolicyFiles.load(List.of(tmp.resolve("nope.rego"))));
    assertTrue(missing.getMessage().contains("nope.rego"), missing.getMessage());
    Path txt = write("notes.txt", "x");
    assertThrows(LoadException.class, () -> PolicyFiles.load(List.of(txt)));
  }

  @Test
  void invalidJsonNamesTheFile() throws IOException {
    Path bad = write("bad.json", "{\"x\": ");
    LoadException e = assertThrows(LoadException.class, () -> PolicyFiles.load(List.of(bad)));
    assertTrue(e.getMessage().startsWith(bad.toString() + ": "), e.getMessage());
  }

  @Test
  void inputDocumentsByExtension() throws IOException {
    assertEquals(Json.parse("{\"a\": [1]}"),
        PolicyFiles.readDocument(write("in.yaml", "a: [1]")));
    assertEquals(Json.parse("{\"a\": 1.5}"),
        PolicyFiles.readDocument(write("in.json", "{\"a\": 1.50}")));
  }
}
