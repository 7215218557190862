package dev.mandate.rego.cli;

import dev.mandate.rego.loader.LoadException;
import dev.mandate.rego.loader.PolicyFiles;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code -d}, {@code -i} and {@code -I} options shared by {@code eval} and {@code bench}. */
final class PolicyInputs {
  @Option(names = {"-d", "--data"}, paramLabel = "<file|dir>",
      description = "Policy (.rego) or data (.json, .yaml, .yml) file, or a directory of them; "
          + "repeatable. A data file named here is merged at the root of data; inside a "
          + "directory its folder path is its place below data.")
  List<Path> paths = new ArrayList<>();

  @Option(names = {"-i", "--input"}, paramLabel = "<file>",
      description = "Input document (JSON, or YAML by extension).")
  Path input;

  @Option(names = {"-I", "--stdin-input"}, description = "Read the input document (JSON) from stdin.")
  boolean stdinInput;

  PolicyFiles load() {
    return PolicyFiles.load(paths);
  }

  /** The input document, or null when none was given. */
  Value input(InputStream stdin) {
    if (stdinInput && input != null) {
      throw new LoadException("--input and --stdin-input cannot be combined");
    }
    if (input != null) {
      return PolicyFiles.readDocument(input);
    }
    if (stdinInput) {
      try {
        return Json.parse(new String(stdin.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new LoadException("stdin: cannot read: " + e.getMessage(), e);
      } catch (Json.JsonException e) {
        throw new LoadException("stdin: " + e.getMessage(), e);
      }
    }
    return null;
  }
}
