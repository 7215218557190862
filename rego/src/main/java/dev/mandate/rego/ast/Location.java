package dev.mandate.rego.ast;

/** Where a piece of source text starts: file name, 1-based line and 1-based column. */
public record Location(String file, int line, int column) {
  public static final Location NONE = new Location("", 0, 0);

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
