package dev.mandate.pdp.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.Value;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Indented JSON as OPA's server writes it for {@code ?pretty=true} (Go's
 * {@code json.MarshalIndent} with two spaces): {@code "key": value}, and {@code []} / {@code {}}
 * for empty containers, which Jackson's default pretty printer writes differently.
 */
final class PrettyJson {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");

  private PrettyJson() {}

  static String write(Value v) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      Separators seps = Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
          .withObjectEmptySeparator("")
          .withArrayEmptySeparator("");
      g.setPrettyPrinter(new DefaultPrettyPrinter(seps)
          .withObjectIndenter(INDENT)
          .withArrayIndenter(INDENT));
      Json.writeValue(g, v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
