package dev.mandate.rego.loader;

import dev.mandate.rego.Policy;
import dev.mandate.rego.Rego;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Policies and data read from files and directories, the way {@code opa eval -d} reads them.
 *
 * <ul>
 *   <li>{@code .rego} files are modules, named by their path as given.</li>
 *   <li>{@code .json}, {@code .yaml} and {@code .yml} files are data. A file named directly is
 *       merged at the root of {@code data}; a file found inside a directory is placed at its
 *       directory's path relative to that directory ({@code d/a/b/x.json} under {@code -d d}
 *       becomes {@code data.a.b}), as in OPA bundles.</li>
 *   <li>Other files inside directories are ignored; a file of another kind named directly is an
 *       error.</li>
 * </ul>
 *
 * @param modules file name to source text, in load order (directories walked in sorted order)
 * @param data the merged base document
 */
public record PolicyFiles(Map<String, String> modules, ObjectValue data) {

  public PolicyFiles {
    modules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(modules));
  }

  public static PolicyFiles load(List<Path> paths) {
    Map<String, String> modules = new LinkedHashMap<>();
    DataTree data = new DataTree();
    for (Path root : paths) {
      if (Files.isDirectory(root)) {
        for (Path file : walk(root)) {
          Kind kind = kindOf(file);
          if (kind == Kind.OTHER) {
            continue;
          }
          List<String> dataPath = new ArrayList<>();
          Path parent = root.relativize(file).getParent();
          if (parent != null) {
            parent.forEach(segment -> dataPath.add(segment.toString()));
          }
          add(file, kind, dataPath, modules, data);
        }
      } else if (Files.isRegularFile(root)) {
        Kind kind = kindOf(root);
        if (kind == Kind.OTHER) {
          throw new LoadException(root + ": unsupported file type (want .rego, .json, .yaml, .yml)");
        }
        add(root, kind, List.of(), modules, data);
      } else {
        throw new LoadException(root + ": no such file or directory");
      }
    }
    return new PolicyFiles(modules, data.root());
  }

  /** Compiles the modules with the data; throws {@code RegoException} on errors. */
  public Policy compile() {
    return Rego.builder().modules(modules).data(data).compile();
  }

  private enum Kind { REGO, JSON, YAML, OTHER }

  private static Kind kindOf(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".rego")) {
      return Kind.REGO;
    } else if (name.endsWith(".json")) {
      return Kind.JSON;
    } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return Kind.YAML;
    }
    return Kind.OTHER;
  }

  private static void add(Path file, Kind kind, List<String> dataPath,
      Map<String, String> modules, DataTree data) {
    String name = file.toString();
    String text = read(file);
    switch (kind) {
      case REGO -> modules.put(name, text);
      case JSON -> data.put(dataPath, parseJson(name, text), name);
      case YAML -> {
        Value doc = parseYaml(name, text);
        data.put(dataPath, doc == null ? ObjectValue.EMPTY : doc, name);
      }
      case OTHER -> throw new IllegalStateException("not loadable: " + name);
    }
  }

  private static Value parseJson(String name, String text) {
    try {
      return Json.parse(text);
    } catch (Json.JsonException e) {
      throw new LoadException(name + ": " + e.getMessage(), e);
    }
  }

  private static Value parseYaml(String name, String text) {
    try {
      return YamlValues.parse(text);
    } catch (YamlValues.YamlException e) {
      throw new LoadException(name + ": " + e.getMessage(), e);
    }
  }

  /** Reads a JSON or YAML input document (by extension; JSON when unsure). */
  public static Value readDocument(Path file) {
    String name = file.toString();
    String text = read(file);
    Value v = kindOf(file) == Kind.YAML ? parseYaml(name, text) : parseJson(name, text);
    if (v == null) {
      throw new LoadException(name + ": empty document");
    }
    return v;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LoadException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static List<Path> walk(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new LoadException(root + ": cannot read directory: " + e.getMessage(), e);
    }
  }
}
