package dev.mandate.rego.conformance;

import dev.mandate.rego.loader.YamlValues;
import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The cases of an OPA conformance directory ({@code <dir>/**}{@code /*.yaml}), loaded in a
 * stable order (files sorted by path, cases in file order). Anything that cannot be turned into
 * a runnable case is kept as a {@link Skipped} entry with the reason, never silently dropped.
 */
public record ConformanceSuite(List<ConformanceCase> cases, List<Skipped> skipped) {

  /** A case, or a whole file, the runner cannot run. */
  public record Skipped(String note, String file, String reason) {}

  private static final Set<String> KNOWN_FIELDS = Set.of("note", "modules", "data", "input",
      "input_term", "query", "want_result", "sort_bindings", "want_error_code", "want_error",
      "strict_error");

  public ConformanceSuite {
    cases = List.copyOf(cases);
    skipped = List.copyOf(skipped);
  }

  public static ConformanceSuite load(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted()
          .toList();
    }
    List<ConformanceCase> cases = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (Path file : files) {
      String name = dir.relativize(file).toString();
      for (Object parsed : parseFile(file, name)) {
        if (parsed instanceof ConformanceCase c) {
          int n = seen.merge(c.note(), 1, Integer::sum);
          cases.add(n == 1 ? c : c.withNote(c.note() + " #" + n));
        } else {
          skipped.add((Skipped) parsed);
        }
      }
    }
    return new ConformanceSuite(cases, skipped);
  }

  /** Cases and skips of one file; a file that does not parse becomes one skip. */
  private static List<Object> parseFile(Path file, String name) {
    Value doc;
    try {
      doc = YamlValues.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return List.of(new Skipped(name, name, "cannot parse file: " + e.getMessage()));
    }
    if (!(doc instanceof ObjectValue top) || !(top.get("cases") instanceof ArrayValue list)) {
      return List.of(new Skipped(name, name, "no 'cases' list"));
    }
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Value entry = list.get(i);
      String fallbackNote = name + "[" + i + "]";
      try {
        out.add(parseCase(entry, name, fallbackNote));
      } catch (RuntimeException e) {
        String note = entry instanceof ObjectValue o && o.get("note") instanceof StringValue s
            ? s.value() : fallbackNote;
        out.add(new Skipped(note, name, e.getMessage()));
      }
    }
    return out;
  }

  static ConformanceCase parseCase(Value entry, String file, String fallbackNote) {
    if (!(entry instanceof ObjectValue c)) {
      throw new IllegalArgumentException("case is not a mapping");
    }
    for (Value key : c.keys()) {
      String k = ((StringValue) key).value();
      if (!KNOWN_FIELDS.contains(k)) {
        throw new IllegalArgumentException("unknown field '" + k + "'");
      }
    }
    String note = optionalString(c, "note");
    String query = optionalString(c, "query");
    if (query == null) {
      throw new IllegalArgumentException("no query");
    }
    List<String> modules = new ArrayList<>();
    Value mods = c.get("modules");
    if (mods instanceof ArrayValue arr) {
      for (Value m : arr) {
        if (!(m instanceof StringValue s)) {
          throw new IllegalArgumentException("module is not a string");
        }
        modules.add(s.value());
      }
    } else if (mods != null && mods != NullValue.INSTANCE) {
      throw new IllegalArgumentException("'modules' is not a list");
    }
    ObjectValue data = ObjectValue.EMPTY;
    Value d = c.get("data");
    if (d instanceof ObjectValue o) {
      data = o;
    } else if (d != null && d != NullValue.INSTANCE) {
      throw new IllegalArgumentException("'data' is not a mapping");
    }
    List<Map<String, Value>> want = null;
    Value wr = c.get("want_result");
    if (wr instanceof ArrayValue rows) {
      want = new ArrayList<>();
      for (Value row : rows) {
        if (!(row instanceof ObjectValue r)) {
          throw new IllegalArgumentException("want_result row is not a mapping");
        }
        Map<String, Value> m = new LinkedHashMap<>();
        r.forEach((k, v) -> m.put(((StringValue) k).value(), v));
        want.add(m);
      }
    } else if (wr != null && wr != NullValue.INSTANCE) {
      throw new IllegalArgumentException("'want_result' is not a list");
    }
    String wantCode = optionalString(c, "want_error_code");
    String wantError = optionalString(c, "want_error");
    if (want == null && wantCode == null && wantError == null) {
      throw new IllegalArgumentException("expects neither a result nor an error");
    }
    // As in OPA's loader, an explicit `input: null` means no input at all.
    Value input = c.get("input") == NullValue.INSTANCE ? null : c.get("input");
    return new ConformanceCase(note == null ? fallbackNote : note, file, modules, data,
        input, optionalString(c, "input_term"), query, want, flag(c, "sort_bindings"),
        wantCode, wantError, flag(c, "strict_error"));
  }

  private static String optionalString(ObjectValue c, String field) {
    Value v = c.get(field);
    if (v == null || v == NullValue.INSTANCE) {
      return null;
    }
    if (v instanceof StringValue s) {
      return s.value();
    }
    throw new IllegalArgumentException("'" + field + "' is not a string");
  }

  private static boolean flag(ObjectValue c, String field) {
    Value v = c.get(field);
    if (v == null || v == NullValue.INSTANCE) {
      return false;
    }
    if (v instanceof BooleanValue b) {
      return b.value();
    }
    throw new IllegalArgumentException("'" + field + "' is not a boolean");
  }
}
