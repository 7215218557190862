package dev.mandate.sts.json;

import dev.mandate.rego.value.Json;
import java.util.List;

/**
 * Writes one flat JSON object (string, integer, boolean and string-list members) straight into
 * text, in the order the members are added. Token responses and audit lines are such objects;
 * writing them directly skips the intermediate map and the general-purpose serializer that
 * showed up in every exchange's profile. Null members are left out.
 */
public final class JsonObjectWriter {
  private final StringBuilder out;
  private boolean first = true;

  public JsonObjectWriter(int capacity) {
    out = new StringBuilder(capacity).append('{');
  }

  public JsonObjectWriter string(String name, String value) {
    if (value != null) {
      name(name);
      quote(value);
    }
    return this;
  }

  public JsonObjectWriter number(String name, long value) {
    name(name);
    out.append(value);
    return this;
  }

  public JsonObjectWriter strings(String name, List<String> values) {
    if (values != null) {
      name(name);
      out.append('[');
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        quote(values.get(i));
      }
      out.append(']');
    }
    return this;
  }

  /** A member of one of the supported types: String, Integer, Long, Boolean, List of String. */
  public JsonObjectWriter value(String name, Object value) {
    switch (value) {
      case null -> { }
      case String s -> string(name, s);
      case Integer i -> number(name, i);
      case Long l -> number(name, l);
      case Boolean b -> {
        name(name);
        out.append(b);
      }
      case List<?> l -> strings(name, l.stream().map(String.class::cast).toList());
      default -> throw new IllegalArgumentException("cannot write a "
          + value.getClass().getName() + " as " + name);
    }
    return this;
  }

  /** The object's text; the writer is finished. */
  public String end() {
    return out.append('}').toString();
  }

  private void name(String name) {
    if (!first) {
      out.append(',');
    }
    first = false;
    quote(name);
    out.append(':');
  }

  private void quote(String s) {
    Json.appendQuoted(out, s);
  }
}
