package dev.mandate.pdp.policy;

import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the base document from data files the way OPA bundles do: the content of
 * {@code a/b/data.json} is placed at {@code data.a.b}; objects from different files merge, and
 * two files that set the same non-object value conflict.
 */
final class DataDocument {
  private ObjectValue root = ObjectValue.EMPTY;
  private final List<String> problems = new ArrayList<>();

  void add(PolicyFile file) {
    Value content;
    try {
      String text = new String(file.content(), StandardCharsets.UTF_8);
      content = file.fileName().equals("data.json") ? Json.parse(text) : YamlValues.parse(text);
    } catch (RuntimeException e) {
      problems.add(file.path() + ": invalid data file: " + e.getMessage());
      return;
    }
    List<String> dirs = file.directories();
    if (dirs.isEmpty() && !(content instanceof ObjectValue)) {
      problems.add(file.path() + ": a data file at the root must hold an object");
      return;
    }
    Value placed = content;
    for (int i = dirs.size() - 1; i >= 0; i--) {
      placed = ObjectValue.of(dirs.get(i), placed);
    }
    try {
      root = merge(root, (ObjectValue) placed, "data");
    } catch (MergeConflict c) {
      problems.add(file.path() + ": merge conflict at " + c.getMessage());
    }
  }

  ObjectValue root() {
    return root;
  }

  List<String> problems() {
    return problems;
  }

  private static ObjectValue merge(ObjectValue a, ObjectValue b, String where) {
    ObjectValue out = a;
    for (Value key : b.keys()) {
      Value incoming = b.get(key);
      Value existing = a.get(key);
      String at = where + "." + keyText(key);
      if (existing == null) {
        out = out.with(key, incoming);
      } else if (existing instanceof ObjectValue eo && incoming instanceof ObjectValue io) {
        out = out.with(key, merge(eo, io, at));
      } else {
        throw new MergeConflict(at);
      }
    }
    return out;
  }

  private static String keyText(Value key) {
    return key instanceof dev.mandate.rego.value.StringValue s ? s.value() : key.toString();
  }

  private static final class MergeConflict extends RuntimeException {
    MergeConflict(String where) {
      super(where, null, false, false);
    }
  }
}
