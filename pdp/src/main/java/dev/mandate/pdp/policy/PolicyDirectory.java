package dev.mandate.pdp.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the policy directory: every {@code .rego} file (test files included, as OPA loads them)
 * and every {@code data.json}, {@code data.yaml} or {@code data.yml}, at any depth.
 *
 * <p>Symbolic links are followed, but directories whose names start with {@code ..} are skipped:
 * that is how Kubernetes mounts ConfigMaps ({@code ..data} and {@code ..2024_..} point at the
 * same files as the visible links), and loading them would add every module twice.
 */
public final class PolicyDirectory {
  static final Set<String> DATA_FILE_NAMES = Set.of("data.json", "data.yaml", "data.yml");

  private final Path root;

  public PolicyDirectory(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** Reads every relevant file now; throws {@link UncheckedIOException} if the root is unreadable. */
  public PolicyBundle read() {
    if (!Files.isDirectory(root)) {
      throw new UncheckedIOException(new IOException("policy directory not found: " + root));
    }
    List<PolicyFile> files = new ArrayList<>();
    try {
      Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              Path name = dir.getFileName();
              if (!dir.equals(root) && name != null && name.toString().startsWith("..")) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              String name = file.getFileName().toString();
              if (attrs.isRegularFile()
                  && (name.endsWith(".rego") || DATA_FILE_NAMES.contains(name))) {
                files.add(new PolicyFile(relative(file), Files.readAllBytes(file)));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              // A file deleted between listing and reading is a change in progress; the next
              // scan sees the settled directory.
              if (e instanceof java.nio.file.NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return PolicyBundle.of(files);
  }

  private String relative(Path file) {
    StringBuilder sb = new StringBuilder();
    for (Path part : root.relativize(file)) {
      if (!sb.isEmpty()) {
        sb.append('/');
      }
      sb.append(part);
    }
    return sb.toString();
  }
}
