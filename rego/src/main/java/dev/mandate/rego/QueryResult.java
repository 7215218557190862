package dev.mandate.rego;

import dev.mandate.rego.value.Value;
import java.util.List;
import java.util.Map;

/**
 * One row of a result set, as {@code opa eval} reports it: the value of each expression of the
 * query, and the bindings of the query's named variables (wildcards and generated variables are
 * left out).
 */
public record QueryResult(List<Value> expressions, Map<String, Value> bindings) {
  public QueryResult {
    expressions = List.copyOf(expressions);
    bindings = Map.copyOf(bindings);
  }
}
