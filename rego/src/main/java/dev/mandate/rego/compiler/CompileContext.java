package dev.mandate.rego.compiler;

import dev.mandate.rego.RegoError;
import dev.mandate.rego.ast.Location;
import dev.mandate.rego.ast.Term;
import dev.mandate.rego.builtins.BuiltinRegistry;
import dev.mandate.rego.plan.DocNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What lowering needs to know about the whole policy, and where it reports errors. */
final class CompileContext {
  final DocNode root;
  final BuiltinRegistry builtins;
  final List<RegoError> errors = new ArrayList<>();

  CompileContext(DocNode root, BuiltinRegistry builtins) {
    this.root = root;
    this.builtins = builtins;
  }

  void error(String code, String message, Location location) {
    errors.add(new RegoError(code, message, location == null ? Location.NONE : location));
  }

  /** The node at {@code path} below data, or null. */
  DocNode node(List<String> path) {
    DocNode n = root;
    for (String s : path) {
      n = n.child(s);
      if (n == null) {
        return null;
      }
    }
    return n;
  }

  /**
   * The names a module's rule bodies resolve against.
   *
   * @param packagePath the package below data; empty for queries
   * @param imports alias to imported reference
   * @param ruleNames first names of the package's rules (they resolve to data.pkg.name)
   */
  record ModuleContext(List<String> packagePath, Map<String, Term.Ref> imports, Set<String> ruleNames) {
    static final ModuleContext QUERY = new ModuleContext(List.of(), Map.of(), Set.of());
  }
}
