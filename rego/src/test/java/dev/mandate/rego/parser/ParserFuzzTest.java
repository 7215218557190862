package dev.mandate.rego.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mandate.rego.RegoError;
import dev.mandate.rego.RegoException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Damaged policies must fail with a {@link RegoException} carrying parse errors, never with any
 * other exception: truncations at every position of a rich module, and random mutations of the
 * conformance suite's modules when it is present.
 */
class ParserFuzzTest {
  private static final String SAMPLE = """
      # METADATA
      # title: sample
      package sample.authz["x-y"]

      import data.lib.helpers as h
      import input.request
      import rego.v1

      default allow := false

      allow if {
      \tsome role in input.roles
      \trole == "admin"
      \tnot deny
      }

      deny contains msg if {
      \tsome k, v in input.headers
      \tstartswith(k, "x-")
      \tmsg := sprintf("%s=%v", [k, v])
      }

      scores[name] := total if {
      \tsome name in {"a", "b"}
      \ttotal := sum([x | x := data.s[name][_]; x > 0.5e-1]) * -2 % 3
      }

      obj := o if o := {k: v | some k, v in {"a": 1, 2: [null, true]}; v != false} with input as {}

      f(x, [a, _]) := y if y := x + a else := `raw
      text` if x.y[0].z
      else := set()

      every_ok if every x in [1, 2] { x >= 1; x <= 2 }
      p.q[r].s := {r | r := 1 & 2 | 3 / 4} if true
      """;

  private static void assertOnlyParseErrors(String module, String what) {
    try {
      Parser.parseModule("fuzz.rego", module);
    } catch (RegoException e) {
      for (RegoError error : e.errors()) {
        assertEquals(RegoError.PARSE, error.code(), what);
      }
    } catch (Throwable t) {
      fail(what + ": " + t + "\n--- input ---\n" + module, t);
    }
  }

  @Test
  void sampleParses() {
    Parser.parseModule("sample.rego", SAMPLE);
  }

  @Test
  void everyTruncationFailsCleanly() {
    for (int i = 0; i <= SAMPLE.length(); i++) {
      assertOnlyParseErrors(SAMPLE.substring(0, i), "prefix " + i);
      assertOnlyParseErrors(SAMPLE.substring(i), "suffix " + i);
    }
  }

  @Test
  void randomMutationsFailCleanly() throws IOException {
    List<String> corpus = new ArrayList<>(List.of(SAMPLE));
    corpus.addAll(conformanceModules());
    Random random = new Random(20240601);
    String noise = "{}[]()|&,;:=.\"`\\ \n\t#-+*/%<>!$@_0aZ\u0000\uFEFF\uD83D";
    for (int n = 0; n < 20_000; n++) {
      String base = corpus.get(random.nextInt(corpus.size()));
      if (base.isEmpty()) {
        continue;
      }
      StringBuilder sb = new StringBuilder(base);
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits && sb.length() > 0; e++) {
        int at = random.nextInt(sb.length());
        switch (random.nextInt(4)) {
          case 0 -> sb.deleteCharAt(at);
          case 1 -> sb.insert(at, noise.charAt(random.nextInt(noise.length())));
          case 2 -> sb.setCharAt(at, noise.charAt(random.nextInt(noise.length())));
          default -> sb.setLength(at);
        }
      }
      assertOnlyParseErrors(sb.toString(), "mutation " + n);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> conformanceModules() throws IOException {
    Path root = Path.of("/work/shared/opa-conformance/v1");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<String> modules = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        try (Reader r = Files.newBufferedReader(file)) {
          Map<String, Object> doc = new Yaml().load(r);
          for (Map<String, Object> c : (List<Map<String, Object>>) doc.get("cases")) {
            modules.addAll((List<String>) c.getOrDefault("modules", List.of()));
          }
        }
      }
    }
    return modules;
  }
}
