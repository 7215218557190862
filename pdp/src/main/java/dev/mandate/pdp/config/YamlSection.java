package dev.mandate.pdp.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One mapping of the config file. Reads typed values with defaults and remembers which keys it
 * read, so {@link #rejectUnknown()} can refuse misspelt keys instead of silently ignoring them.
 */
final class YamlSection {
  private final String prefix;
  private final Map<String, Object> map;
  private final Set<String> read = new LinkedHashSet<>();

  YamlSection(String prefix, Map<?, ?> map) {
    this.prefix = prefix;
    this.map = new LinkedHashMap<>();
    map.forEach((k, v) -> this.map.put(String.valueOf(k), v));
  }

  static YamlSection empty(String prefix) {
    return new YamlSection(prefix, Map.of());
  }

  private Object raw(String key) {
    read.add(key);
    return map.get(key);
  }

  String name(String key) {
    return prefix.isEmpty() ? key : prefix + "." + key;
  }

  YamlSection section(String key) {
    Object v = raw(key);
    if (v == null) {
      return empty(name(key));
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw new ConfigException(name(key) + " must be a mapping");
    }
    return new YamlSection(name(key), m);
  }

  boolean has(String key) {
    return map.get(key) != null;
  }

  String string(String key, String dflt) {
    Object v = raw(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Map || v instanceof List) {
      throw new ConfigException(name(key) + " must be a scalar");
    }
    return String.valueOf(v);
  }

  int integer(String key, int dflt) {
    Object v = raw(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Integer i) {
      return i;
    }
    try {
      return Integer.parseInt(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(name(key) + " must be an integer, got " + v);
    }
  }

  boolean bool(String key, boolean dflt) {
    Object v = raw(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw new ConfigException(name(key) + " must be true or false, got " + v);
  }

  Duration duration(String key, Duration dflt) {
    Object v = raw(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Quantities.duration(String.valueOf(v));
    } catch (ConfigException e) {
      throw new ConfigException(name(key) + ": " + e.getMessage());
    }
  }

  long bytes(String key, long dflt) {
    Object v = raw(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Quantities.bytes(String.valueOf(v));
    } catch (ConfigException e) {
      throw new ConfigException(name(key) + ": " + e.getMessage());
    }
  }

  List<String> strings(String key, List<String> dflt) {
    Object v = raw(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof List<?> l)) {
      throw new ConfigException(name(key) + " must be a list");
    }
    List<String> out = new ArrayList<>();
    for (Object o : l) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  Map<String, String> stringMap(String key, Map<String, String> dflt) {
    Object v = raw(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw new ConfigException(name(key) + " must be a mapping");
    }
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, val) -> out.put(String.valueOf(k), String.valueOf(val)));
    return out;
  }

  void rejectUnknown() {
    for (String k : map.keySet()) {
      if (!read.contains(k)) {
        throw new ConfigException("unknown configuration key: " + name(k));
      }
    }
  }
}
