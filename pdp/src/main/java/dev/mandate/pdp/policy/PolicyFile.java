package dev.mandate.pdp.policy;

/**
 * One file of the policy directory: its path relative to the root, with {@code /} separators,
 * and its content.
 */
public record PolicyFile(String path, byte[] content) {
  public boolean isRego() {
    return path.endsWith(".rego");
  }

  /** The file name without directories. */
  public String fileName() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  /** The directories the file sits in, from the root down; data files are placed there. */
  public java.util.List<String> directories() {
    int slash = path.lastIndexOf('/');
    if (slash < 0) {
      return java.util.List.of();
    }
    return java.util.List.of(path.substring(0, slash).split("/"));
  }
}
