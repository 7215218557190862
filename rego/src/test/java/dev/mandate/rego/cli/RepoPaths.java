package dev.mandate.rego.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, found from the test's working directory (the module directory). */
final class RepoPaths {
  private RepoPaths() {}

  static Path root() {
    Path start = Path.of("").toAbsolutePath();
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve(".ci")) || isParentPom(p.resolve("pom.xml"))) {
        return p;
      }
    }
    return start;
  }

  private static boolean isParentPom(Path pom) {
    try {
      return Files.isRegularFile(pom) && Files.readString(pom).contains("<modules>");
    } catch (IOException e) {
      return false;
    }
  }
}
