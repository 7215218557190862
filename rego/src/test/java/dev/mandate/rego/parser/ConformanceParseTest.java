package dev.mandate.rego.parser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.RegoException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Parses every module, query and input term of OPA's v1 conformance suite. None may fail to
 * parse, except in cases that expect a parse error.
 */
class ConformanceParseTest {
  private static final Path ROOT = Path.of("/work/shared/opa-conformance/v1");

  @Test
  @SuppressWarnings("unchecked")
  void everyConformanceModuleAndQueryParses() throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(ROOT), "conformance cases not present");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(ROOT)) {
      files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    int modules = 0;
    int queries = 0;
    int terms = 0;
    int expectedErrors = 0;
    List<String> failures = new ArrayList<>();
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(64 * 1024 * 1024);
    for (Path file : files) {
      Map<String, Object> doc;
      try (Reader r = Files.newBufferedReader(file)) {
        doc = new Yaml(options).load(r);
      }
      for (Map<String, Object> c : (List<Map<String, Object>>) doc.get("cases")) {
        String note = String.valueOf(c.get("note"));
        boolean parseErrorExpected = String.valueOf(c.get("want_error_code")).contains("rego_parse_error")
            || String.valueOf(c.get("want_error")).contains("rego_parse_error");
        List<String> sources = (List<String>) c.getOrDefault("modules", List.of());
        for (int i = 0; i < sources.size(); i++) {
          try {
            Parser.parseModule("test-" + i + ".rego", sources.get(i));
            modules++;
          } catch (RegoException e) {
            if (parseErrorExpected) {
              expectedErrors++;
            } else {
              failures.add(note + " module " + i + ": " + e.getMessage());
            }
          }
        }
        if (c.get("query") instanceof String q) {
          try {
            Parser.parseQuery(q);
            queries++;
          } catch (RegoException e) {
            if (parseErrorExpected) {
              expectedErrors++;
            } else {
              failures.add(note + " query: " + e.getMessage());
            }
          }
        }
        if (c.get("input_term") instanceof String t) {
          try {
            Parser.parseTerm(t);
            terms++;
          } catch (RegoException e) {
            failures.add(note + " input_term: " + e.getMessage());
          }
        }
      }
    }
    System.out.printf("conformance: %d modules, %d queries, %d input terms parsed; %d expected parse errors; %d failures%n",
        modules, queries, terms, expectedErrors, failures.size());
    failures.stream().limit(40).forEach(System.out::println);
    assertTrue(failures.isEmpty(), failures.size() + " failures, first: "
        + (failures.isEmpty() ? "" : failures.get(0)));
  }
}
