package dev.mandate.rego.compiler;

import dev.mandate.rego.RegoError;
import dev.mandate.rego.RegoException;
import dev.mandate.rego.RuleInfo;
import dev.mandate.rego.ast.Expr;
import dev.mandate.rego.ast.Location;
import dev.mandate.rego.ast.Module;
import dev.mandate.rego.ast.Rule;
import dev.mandate.rego.ast.Term;
import dev.mandate.rego.builtins.BuiltinRegistry;
import dev.mandate.rego.parser.Parser;
import dev.mandate.rego.plan.DocNode;
import dev.mandate.rego.plan.PExpr;
import dev.mandate.rego.plan.PRule;
import dev.mandate.rego.plan.PTerm;
import dev.mandate.rego.value.CanonicalStrings;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles parsed modules into a {@link CompiledPolicy}: places rules in the tree of virtual
 * documents, checks rule kinds, lowers and safety-orders every body, detects recursion, and
 * builds rule indexes.
 */
public final class Compiler {
  private Compiler() {}

  public static CompiledPolicy compile(Map<String, String> sources, ObjectValue data, BuiltinRegistry builtins) {
    List<Module> modules = new ArrayList<>();
    List<RegoError> parseErrors = new ArrayList<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      try {
        modules.add(Parser.parseModule(e.getKey(), e.getValue()));
      } catch (RegoException ex) {
        parseErrors.addAll(ex.errors());
      }
    }
    if (!parseErrors.isEmpty()) {
      throw new RegoException(parseErrors);
    }
    return compileModules(modules, data, builtins);
  }

  public static CompiledPolicy compileModules(List<Module> modules, ObjectValue data, BuiltinRegistry builtins) {
    DocNode root = new DocNode(List.of());
    CompileContext ctx = new CompileContext(root, builtins);

    // 1. Place every rule on its node, and learn each package's rule names.
    Map<List<String>, Set<String>> namesByPackage = new HashMap<>();
    List<Placed> placed = new ArrayList<>();
    List<RuleInfo> infos = new ArrayList<>();
    for (Module m : modules) {
      Set<String> names = namesByPackage.computeIfAbsent(m.packagePath(), k -> new HashSet<>());
      DocNode pkg = root;
      for (String seg : m.packagePath()) {
        pkg = pkg.childOrCreate(seg);
      }
      pkg.isPackage = true;
      for (Rule r : m.rules()) {
        Term.Var nameVar = (Term.Var) r.head().ref().head();
        names.add(nameVar.name());
        List<String> path = new ArrayList<>(m.packagePath());
        path.add(nameVar.name());
        int consumed = 0;
        for (Term seg : r.head().ref().path()) {
          if (seg instanceof Term.Scalar sc && sc.value() instanceof StringValue sv) {
            path.add(sv.value());
            consumed++;
          } else {
            break;
          }
        }
        DocNode node = root;
        for (String seg : path) {
          node = node.childOrCreate(seg);
        }
        placed.add(new Placed(m, r, node, consumed));
        infos.add(new RuleInfo(path, r.location(), r.head().isFunction()));
      }
    }
    for (Placed p : placed) {
      classify(p, ctx);
    }
    markHasRules(root);
    checkNesting(root, ctx);
    if (!ctx.errors.isEmpty()) {
      throw new RegoException(ctx.errors);
    }

    // 2. Lower every rule body.
    // Identity: a module record hashes its whole tree, which is linear in its size.
    Map<Module, CompileContext.ModuleContext> contexts = new java.util.IdentityHashMap<>();
    for (Module m : modules) {
      contexts.put(m, moduleContext(m, namesByPackage.get(m.packagePath()), ctx));
    }
    for (Placed p : placed) {
      PRule rule = lower(p.rule, p.rule.head(), p.consumed, contexts.get(p.module), ctx);
      if (p.rule.isDefault()) {
        if (p.node.defaultRule != null) {
          ctx.error(RegoError.TYPE, "multiple default rules " + p.node.refText() + " found", p.rule.location());
        }
        p.node.defaultRule = rule;
      } else {
        p.node.rules.add(rule);
      }
    }
    throwIfErrors(ctx);

    // 3. Recursion, then indexes.
    new RecursionCheck(ctx).check(root);
    if (!ctx.errors.isEmpty()) {
      throw new RegoException(ctx.errors);
    }
    RuleIndexer.indexAll(root);
    DocNode.markPredicates(root);
    if (data != null) {
      CanonicalStrings.shareMemberNames(data);
    }
    return new CompiledPolicy(root, data, List.copyOf(modules), List.copyOf(infos), builtins,
        DocNode.assignMemoSlots(root));
  }

  /** Compiles a query body against a compiled policy. */
  public static CompiledQuery compileQuery(CompiledPolicy policy, String query) {
    List<Expr> exprs = Parser.parseQuery("query", query);
    if (exprs.isEmpty()) {
      throw new RegoException(new RegoError(RegoError.PARSE, "empty query", new Location("query", 1, 1)));
    }
    CompileContext ctx = new CompileContext(policy.root(), policy.builtins());
    Lowerer lowerer = new Lowerer(ctx, CompileContext.ModuleContext.QUERY);
    List<String> texts = expressionTexts(query, exprs);
    Lowerer.LoweredQuery q = lowerer.lowerQuery(exprs, texts);
    throwIfErrors(ctx);
    // Source order of the (non-declaration) expressions, for reporting their values.
    List<PExpr> source = new ArrayList<>(List.of(q.body().exprs()));
    source.sort((a, b) -> {
      int c = Integer.compare(a.location().line(), b.location().line());
      return c != 0 ? c : Integer.compare(a.location().column(), b.location().column());
    });
    List<String> sourceTexts = new ArrayList<>();
    for (PExpr e : source) {
      sourceTexts.add(e.text() == null ? "" : e.text());
    }
    return new CompiledQuery(q.body(), q.namedVars(), q.frameSize(), source, sourceTexts);
  }

  /**
   * Throws the errors found. Unsafe-variable errors that follow from another error (a call of an
   * unknown function leaves its output unbound) are dropped, as OPA reports only the cause.
   */
  private static void throwIfErrors(CompileContext ctx) {
    if (ctx.errors.isEmpty()) {
      return;
    }
    List<RegoError> causes = ctx.errors.stream().filter(e -> !e.code().equals(RegoError.UNSAFE_VAR)).toList();
    throw new RegoException(causes.isEmpty() ? ctx.errors : causes);
  }

  /** The source text of each expression: from its start to the start of the next. */
  private static List<String> expressionTexts(String query, List<Expr> exprs) {
    String[] lines = query.split("\n", -1);
    int[] lineStart = new int[lines.length + 1];
    for (int i = 0; i < lines.length; i++) {
      lineStart[i + 1] = lineStart[i] + lines[i].length() + 1;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < exprs.size(); i++) {
      int start = offset(lineStart, exprs.get(i).location(), query.length());
      int end = i + 1 < exprs.size() ? offset(lineStart, exprs.get(i + 1).location(), query.length()) : query.length();
      String t = query.substring(Math.min(start, end), end).strip();
      while (t.endsWith(";")) {
        t = t.substring(0, t.length() - 1).strip();
      }
      out.add(t);
    }
    return out;
  }

  private static int offset(int[] lineStart, Location loc, int max) {
    int line = Math.max(1, Math.min(loc.line(), lineStart.length - 1));
    return Math.min(max, lineStart[line - 1] + Math.max(0, loc.column() - 1));
  }

  private record Placed(Module module, Rule rule, DocNode node, int consumed) {}

  private static void classify(Placed p, CompileContext ctx) {
    Rule.Head h = p.rule.head();
    boolean hasKeyPath = h.ref().path().size() > p.consumed;
    DocNode.Kind kind;
    if (h.isFunction()) {
      kind = DocNode.Kind.FUNCTION;
      if (hasKeyPath) {
        ctx.error(RegoError.TYPE, "function name must be a ground reference", h.location());
      }
    } else if (hasKeyPath) {
      kind = DocNode.Kind.OBJECT;
    } else if (h.contains()) {
      kind = DocNode.Kind.MULTI;
    } else {
      kind = DocNode.Kind.COMPLETE;
    }
    if (p.rule.isDefault() && kind != DocNode.Kind.COMPLETE && kind != DocNode.Kind.FUNCTION) {
      ctx.error(RegoError.TYPE, "default rules must not be multi-value or have variables in their reference",
          p.rule.location());
    }
    DocNode n = p.node;
    if (n.kind == DocNode.Kind.NAMESPACE) {
      n.kind = kind;
    } else if (n.kind != kind) {
      ctx.error(RegoError.TYPE, "conflicting rules " + n.refText() + " found", p.rule.location());
    }
    if (kind == DocNode.Kind.FUNCTION) {
      int arity = h.args().size();
      if (n.arity >= 0 && n.arity != arity) {
        ctx.error(RegoError.TYPE, "conflicting rules " + n.refText() + " found", p.rule.location());
      }
      n.arity = arity;
    }
  }

  private static boolean markHasRules(DocNode n) {
    boolean has = n.kind != DocNode.Kind.NAMESPACE || n.isPackage;
    for (DocNode c : n.children.values()) {
      has |= markHasRules(c);
    }
    n.hasRules = has;
    return has;
  }

  /** A node with a single value or a function cannot also have rules below it. */
  private static void checkNesting(DocNode n, CompileContext ctx) {
    if (n.kind == DocNode.Kind.COMPLETE || n.kind == DocNode.Kind.MULTI || n.kind == DocNode.Kind.FUNCTION) {
      for (DocNode c : n.children.values()) {
        if (c.hasRules) {
          ctx.error(RegoError.TYPE, "rule " + n.refText() + " conflicts with " + firstRuleBelow(c), Location.NONE);
        }
      }
    }
    for (DocNode c : n.children.values()) {
      checkNesting(c, ctx);
    }
  }

  private static String firstRuleBelow(DocNode n) {
    if (n.kind != DocNode.Kind.NAMESPACE) {
      return n.refText();
    }
    for (DocNode c : n.children.values()) {
      if (c.hasRules) {
        return firstRuleBelow(c);
      }
    }
    return n.refText();
  }

  private static CompileContext.ModuleContext moduleContext(Module m, Set<String> ruleNames, CompileContext ctx) {
    Map<String, Term.Ref> imports = new LinkedHashMap<>();
    for (Module.Import imp : m.imports()) {
      Term.Ref path = imp.path();
      if (!(path.head() instanceof Term.Var root)) {
        ctx.error(RegoError.PARSE, "invalid import path", imp.location());
        continue;
      }
      switch (root.name()) {
        case "rego", "future" -> {
          continue; // rego.v1 and future.keywords only select syntax, which v1 always has
        }
        case "data", "input" -> {}
        default -> {
          ctx.error(RegoError.COMPILE, "invalid import: path must begin with input or data", imp.location());
          continue;
        }
      }
      String alias = imp.alias();
      if (alias == null) {
        if (path.path().isEmpty()) {
          alias = root.name();
        } else if (path.path().get(path.path().size() - 1) instanceof Term.Scalar sc
            && sc.value() instanceof StringValue sv) {
          alias = sv.value();
        } else {
          ctx.error(RegoError.COMPILE, "invalid import path", imp.location());
          continue;
        }
      }
      if (alias.equals("input") || alias.equals("data")) {
        if (!path.path().isEmpty() || !alias.equals(root.name())) {
          ctx.error(RegoError.COMPILE, "import alias " + alias + " shadows a root document", imp.location());
        }
        continue;
      }
      imports.put(alias, path);
    }
    return new CompileContext.ModuleContext(m.packagePath(), imports, ruleNames);
  }

  private static PRule lower(Rule rule, Rule.Head head, int consumed, CompileContext.ModuleContext mod,
      CompileContext ctx) {
    Lowerer l = new Lowerer(ctx, mod);
    Lowerer.LoweredRule lr = l.lowerRule(rule, head, consumed);
    PRule elseRule = null;
    if (rule.elseRule() != null) {
      Rule e = rule.elseRule();
      Rule.Head eh = new Rule.Head(head.ref(), head.args(), e.head().value(), false, e.head().assign(),
          e.head().location());
      elseRule = lower(e, eh, consumed, mod, ctx);
    }
    return new PRule(rule.location(), lr.frameSize(), lr.params(), lr.keyPath(), lr.value(), head.contains(),
        lr.body(), elseRule, rule.isDefault());
  }
}
