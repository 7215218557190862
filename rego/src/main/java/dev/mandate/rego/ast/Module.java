package dev.mandate.rego.ast;

import java.util.List;

/**
 * One parsed policy file.
 *
 * @param file the name errors report
 * @param packagePath the package as path segments below {@code data}: {@code package a.b} is ["a", "b"]
 */
public record Module(String file, List<String> packagePath, Location packageLocation,
    List<Import> imports, List<Rule> rules) {
  public Module {
    packagePath = List.copyOf(packagePath);
    imports = List.copyOf(imports);
    rules = List.copyOf(rules);
  }

  /**
   * An import. {@code path} is a ref rooted at {@code data}, {@code input}, {@code rego} or
   * {@code future}; {@code alias} is null when none was written.
   */
  public record Import(Term.Ref path, String alias, Location location) {}
}
