package dev.mandate.rego.conformance;

import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.Value;
import java.util.List;
import java.util.Map;

/**
 * One case of OPA's conformance suite.
 *
 * @param note unique name; a note that appears more than once in the suite gets {@code " #2"},
 *     {@code " #3"} appended in load order, so the baseline can name every case
 * @param file the YAML file it came from
 * @param modules module sources, compiled as {@code test-0.rego}, {@code test-1.rego}, ...
 * @param data the base document (empty when absent)
 * @param input the input document, or null
 * @param inputTerm the input as a Rego term to evaluate, or null
 * @param query the query body
 * @param wantResult the expected rows, or null when the case expects an error
 * @param sortBindings sort array values in the rows before comparing
 * @param wantErrorCode the expected error code, or null
 * @param wantError a substring the error message must contain, or null
 * @param strictError evaluate with strict built-in errors
 */
public record ConformanceCase(String note, String file, List<String> modules, ObjectValue data,
    Value input, String inputTerm, String query, List<Map<String, Value>> wantResult,
    boolean sortBindings, String wantErrorCode, String wantError, boolean strictError) {

  public ConformanceCase {
    modules = List.copyOf(modules);
    if (wantResult != null) {
      wantResult = wantResult.stream().map(Map::copyOf).toList();
    }
  }

  public boolean expectsError() {
    return wantErrorCode != null || wantError != null;
  }

  /** The file name a module is compiled under, as OPA's runner names it. */
  public static String moduleFileName(int index) {
    return "test-" + index + ".rego";
  }

  ConformanceCase withNote(String newNote) {
    return new ConformanceCase(newNote, file, modules, data, input, inputTerm, query, wantResult,
        sortBindings, wantErrorCode, wantError, strictError);
  }
}
