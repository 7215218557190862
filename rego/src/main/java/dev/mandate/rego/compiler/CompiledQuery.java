package dev.mandate.rego.compiler;

import dev.mandate.rego.plan.PBody;
import java.util.List;
import java.util.Map;

/**
 * A compiled query: its ordered body, the frame slots of its named variables (for the
 * bindings of each result), and the expressions in source order (for their values).
 */
public record CompiledQuery(PBody body, Map<String, Integer> namedVars, int frameSize,
    List<dev.mandate.rego.plan.PExpr> sourceOrder, List<String> texts) {}
