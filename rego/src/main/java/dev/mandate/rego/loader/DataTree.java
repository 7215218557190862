package dev.mandate.rego.loader;

import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.util.List;

/**
 * Builds the base document from data files: each file's content is placed at a path below
 * {@code data} and merged into what is there, objects key by key. Two files that both define
 * the same non-object value conflict, as they do in OPA's loader.
 */
public final class DataTree {
  private ObjectValue root = ObjectValue.EMPTY;

  /** Places {@code doc} at {@code path} (empty: the root, which then requires an object). */
  public void put(List<String> path, Value doc, String source) {
    Value wrapped = doc;
    for (int i = path.size() - 1; i >= 0; i--) {
      wrapped = ObjectValue.of(path.get(i), wrapped);
    }
    if (!(wrapped instanceof ObjectValue obj)) {
      throw new LoadException(source + ": data at the root must be an object, got "
          + doc.typeName());
    }
    root = merge(root, obj, source, "data");
  }

  public ObjectValue root() {
    return root;
  }

  /** Deep merge; {@code where} names the current path for the error message. */
  static ObjectValue merge(ObjectValue into, ObjectValue from, String source, String where) {
    ObjectValue result = into;
    for (Value key : from.keys()) {
      Value incoming = from.get(key);
      Value existing = result.get(key);
      String path = where + "." + (key instanceof StringValue s ? s.value() : key.toString());
      if (existing == null) {
        result = result.with(key, incoming);
      } else if (existing instanceof ObjectValue a && incoming instanceof ObjectValue b) {
        result = result.with(key, merge(a, b, source, path));
      } else {
        throw new LoadException(source + ": merge error: " + path + " is defined twice");
      }
    }
    return result;
  }
}
