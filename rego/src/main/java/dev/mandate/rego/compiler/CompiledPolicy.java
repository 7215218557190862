package dev.mandate.rego.compiler;

import dev.mandate.rego.RuleInfo;
import dev.mandate.rego.ast.Module;
import dev.mandate.rego.builtins.BuiltinRegistry;
import dev.mandate.rego.plan.DocNode;
import dev.mandate.rego.value.ObjectValue;
import java.util.List;

/** The compiler's output: the rule tree over the base data, ready to evaluate. */
public record CompiledPolicy(DocNode root, ObjectValue data, List<Module> modules,
    List<RuleInfo> rules, BuiltinRegistry builtins, int memoSlots) {}
