package dev.mandate.pdp.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A path below {@code data}, as the Data API takes it in the URL ({@code /v1/data/a/b/0}) and as
 * the configuration names rules ({@code data.a.b}). Turns it into a Rego query and into the
 * slash-separated form OPA's decision logs use.
 *
 * <p>As in OPA, a segment that is a decimal integer becomes a number (so arrays can be indexed);
 * other segments are strings, written as {@code .name} when that is a valid Rego name and as
 * {@code ["..."]} otherwise.
 */
record RulePath(List<String> segments) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");
  private static final Set<String> KEYWORDS = Set.of("as", "default", "else", "false", "import",
      "not", "null", "package", "some", "true", "with", "in", "every", "contains", "if");

  RulePath {
    segments = List.copyOf(segments);
  }

  /** From the part of a URL path after {@code /v1/data}, percent-decoding each segment. */
  static RulePath fromUrl(String rawPath) {
    List<String> segs = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        segs.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return new RulePath(segs);
  }

  /** From a configured {@code data.a.b.c} reference (dotted names only). */
  static RulePath fromRef(String ref) {
    String r = ref.trim();
    if (r.equals("data")) {
      return new RulePath(List.of());
    }
    if (!r.startsWith("data.")) {
      throw new IllegalArgumentException("a rule path must start with data.: " + ref);
    }
    List<String> segs = List.of(r.substring(5).split("\\."));
    for (String s : segs) {
      if (!NAME.matcher(s).matches()) {
        throw new IllegalArgumentException("not a dotted rule path: " + ref);
      }
    }
    return new RulePath(segs);
  }

  String query() {
    StringBuilder sb = new StringBuilder("data");
    for (String s : segments) {
      if (INTEGER.matcher(s).matches()) {
        sb.append('[').append(s).append(']');
      } else if (NAME.matcher(s).matches() && !KEYWORDS.contains(s)) {
        sb.append('.').append(s);
      } else {
        sb.append('[').append(dev.mandate.rego.value.Json.quote(s)).append(']');
      }
    }
    return sb.toString();
  }

  /** OPA's decision log {@code path}: {@code a/b/c}. */
  String logPath() {
    return String.join("/", segments);
  }
}
