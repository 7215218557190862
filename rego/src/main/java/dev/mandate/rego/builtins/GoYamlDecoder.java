package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.AnchorNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserException;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.scanner.ScannerException;

/**
 * Reads YAML as OPA does ({@code sigs.k8s.io/yaml}: go-yaml v2, then conversion to JSON).
 *
 * <p>SnakeYAML only builds the node graph; no Java objects are constructed from tags, so no
 * arbitrary types can be instantiated. Scalars are interpreted by go-yaml v2's rules
 * ({@link GoYamlResolver}), not SnakeYAML's. Only the first document is read. Map keys become
 * strings as sigs.k8s.io/yaml makes them (numbers and booleans by their text; other keys are
 * refused). Merge keys ({@code <<}) are applied.
 *
 * <p>Limits against hostile input: nesting is capped, the input size is capped, and aliases are
 * expanded once and shared (values are immutable); a document whose alias expansion would be far
 * bigger than its text ("billion laughs") is refused with go-yaml's "excessive aliasing" error.
 */
final class GoYamlDecoder {
  static final int MAX_NESTING = 1000;
  static final int MAX_CODE_POINTS = 16 * 1024 * 1024;
  /** Expanded documents up to this many nodes are always accepted. */
  static final long ALIAS_EXPANSION_FLOOR = 100_000;
  /** Beyond the floor, expansion may be at most this many times the number of distinct nodes. */
  static final long ALIAS_EXPANSION_RATIO = 10;

  private static final Tag PLAIN = new Tag("tag:mandate.dev,2025:plain");

  /** Thrown with OPA's (go-yaml's) wording, {@code yaml: line 3: ...}. */
  static final class YamlError extends Exception {
    YamlError(String message) {
      super(message, null, false, false);
    }
  }

  /** Marks every untagged plain scalar so that go-yaml's rules, not SnakeYAML's, decide its type. */
  private static final class PlainMarkingResolver extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(PLAIN, Pattern.compile("(?s).*"), null, Integer.MAX_VALUE);
    }
  }

  private final Map<Node, Value> done = new IdentityHashMap<>();
  private final Map<Node, Long> expandedSize = new IdentityHashMap<>();
  private final Map<Node, Boolean> inProgress = new IdentityHashMap<>();

  private GoYamlDecoder() {}

  static Value decode(String text) throws YamlError {
    Node root = compose(text);
    if (root == null) {
      return NullValue.INSTANCE;
    }
    GoYamlDecoder d = new GoYamlDecoder();
    long size = d.sizeOf(root);
    if (size > ALIAS_EXPANSION_FLOOR && size > ALIAS_EXPANSION_RATIO * d.expandedSize.size()) {
      throw new YamlError("yaml: document contains excessive aliasing");
    }
    return d.convert(root);
  }

  private static Node compose(String text) throws YamlError {
    LoaderOptions opts = new LoaderOptions();
    opts.setAllowDuplicateKeys(true); // go-yaml v2 keeps the last value
    opts.setMaxAliasesForCollections(10_000); // expansion is bounded below instead
    opts.setNestingDepthLimit(MAX_NESTING);
    opts.setCodePointLimit(MAX_CODE_POINTS);
    opts.setAllowRecursiveKeys(false);
    opts.setProcessComments(false);
    try {
      Composer composer = new Composer(new ParserImpl(new StreamReader(text), opts), new PlainMarkingResolver(), opts);
      return composer.checkNode() ? composer.getNode() : null;
    } catch (MarkedYAMLException e) {
      throw new YamlError(goMessage(e));
    } catch (YAMLException e) {
      throw new YamlError("yaml: " + firstLine(e.getMessage()));
    }
  }

  /** The number of values the node stands for once aliases are expanded (saturating). */
  private long sizeOf(Node n) throws YamlError {
    Long known = expandedSize.get(n);
    if (known != null) {
      return known;
    }
    if (inProgress.put(n, Boolean.TRUE) != null) {
      throw new YamlError("yaml: anchor '" + anchorName(n) + "' value contains itself");
    }
    long total = 1;
    switch (n) {
      case SequenceNode s -> {
        for (Node c : s.getValue()) {
          total = saturatingAdd(total, sizeOf(c));
        }
      }
      case MappingNode m -> {
        for (NodeTuple t : m.getValue()) {
          total = saturatingAdd(total, saturatingAdd(sizeOf(t.getKeyNode()), sizeOf(t.getValueNode())));
        }
      }
      case AnchorNode a -> total = sizeOf(a.getRealNode());
      default -> { }
    }
    inProgress.remove(n);
    expandedSize.put(n, total);
    return total;
  }

  private static String anchorName(Node n) {
    return n.getAnchor() == null ? "" : n.getAnchor();
  }

  private static long saturatingAdd(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }

  private Value convert(Node n) throws YamlError {
    Value v = done.get(n);
    if (v != null) {
      return v;
    }
    v = switch (n) {
      case ScalarNode s -> scalar(s);
      case SequenceNode s -> {
        List<Value> items = new ArrayList<>(s.getValue().size());
        for (Node c : s.getValue()) {
          items.add(convert(c));
        }
        yield ArrayValue.of(items);
      }
      case MappingNode m -> {
        Map<Value, Value> out = new HashMap<>();
        fillMapping(m, out);
        yield ObjectValue.wrap(out);
      }
      case AnchorNode a -> convert(a.getRealNode());
      default -> throw new YamlError("yaml: unsupported node " + n.getNodeId());
    };
    done.put(n, v);
    return v;
  }

  /** Entries in document order; a merge key merges in its mapping(s) at that point, as go-yaml v2 does. */
  private void fillMapping(MappingNode m, Map<Value, Value> out) throws YamlError {
    for (NodeTuple t : m.getValue()) {
      Node k = t.getKeyNode();
      if (k instanceof ScalarNode ks && ks.getTag().equals(PLAIN) && ks.getValue().equals("<<")) {
        merge(t.getValueNode(), out);
        continue;
      }
      out.put(StringValue.of(keyString(k, t.getValueNode())), convert(t.getValueNode()));
    }
  }

  private void merge(Node source, Map<Value, Value> out) throws YamlError {
    Node real = source instanceof AnchorNode a ? a.getRealNode() : source;
    if (real instanceof MappingNode mm) {
      fillMapping(mm, out);
    } else if (real instanceof SequenceNode seq) {
      // Earlier mappings take precedence, so they are merged last.
      List<Node> items = seq.getValue();
      for (int i = items.size() - 1; i >= 0; i--) {
        Node item = items.get(i) instanceof AnchorNode a ? a.getRealNode() : items.get(i);
        if (!(item instanceof MappingNode mm)) {
          throw new YamlError("yaml: map merge requires map or sequence of maps as the value");
        }
        fillMapping(mm, out);
      }
    } else {
      throw new YamlError("yaml: map merge requires map or sequence of maps as the value");
    }
  }

  /** A map key as sigs.k8s.io/yaml turns it into a JSON object key. */
  private String keyString(Node k, Node valueNode) throws YamlError {
    Node real = k instanceof AnchorNode a ? a.getRealNode() : k;
    if (real instanceof ScalarNode s) {
      Value v = scalar(s);
      switch (v) {
        case StringValue sv -> {
          return sv.value();
        }
        case BooleanValue b -> {
          return Boolean.toString(b.value());
        }
        case NumberValue n when n.isInteger() && isGoInt(s) -> {
          if (n.toBigInteger().bitLength() < 64) {
            return n.toString();
          }
          // go-yaml gives a uint64 here, which sigs.k8s.io/yaml does not accept as a key.
          throw unsupportedKey("uint64", s.getValue());
        }
        case NumberValue n -> {
          return GoYamlResolver.formatFloat32(n.doubleValue());
        }
        default -> throw unsupportedKey("<nil>", s.getValue());
      }
    }
    throw new YamlError("yaml: invalid map key: " + real.getNodeId());
  }

  private static boolean isGoInt(ScalarNode s) {
    if (s.getTag().equals(PLAIN)) {
      return GoYamlResolver.resolvePlain(s.getValue()).kind() == GoYamlResolver.Kind.INT;
    }
    return s.getTag().equals(Tag.INT);
  }

  private static YamlError unsupportedKey(String type, String key) {
    return new YamlError("unsupported map key of type: " + type + ", key: " + key);
  }

  private Value scalar(ScalarNode s) throws YamlError {
    Tag tag = s.getTag();
    String text = s.getValue();
    if (tag.equals(PLAIN)) {
      return plainValue(GoYamlResolver.resolvePlain(text), text);
    }
    if (tag.equals(Tag.STR) || tag.equals(Tag.TIMESTAMP) || !tag.startsWith(Tag.PREFIX)) {
      // Quoted scalars, !!str, and tags go-yaml does not know are strings.
      return StringValue.of(text);
    }
    if (tag.equals(Tag.BINARY)) {
      try {
        return StringValue.of(GoText.decode(Base64.getMimeDecoder().decode(text)));
      } catch (IllegalArgumentException e) {
        throw new YamlError("yaml: !!binary value contains invalid base64 data");
      }
    }
    GoYamlResolver.Resolved r = GoYamlResolver.resolvePlain(text);
    GoYamlResolver.Kind want = tag.equals(Tag.INT) ? GoYamlResolver.Kind.INT
        : tag.equals(Tag.FLOAT) ? GoYamlResolver.Kind.FLOAT
        : tag.equals(Tag.BOOL) ? GoYamlResolver.Kind.BOOL
        : tag.equals(Tag.NULL) ? GoYamlResolver.Kind.NULL
        : null;
    if (want == null) {
      return StringValue.of(text);
    }
    boolean ok = r.kind() == want || (want == GoYamlResolver.Kind.FLOAT && r.kind() == GoYamlResolver.Kind.INT);
    if (!ok) {
      throw new YamlError("yaml: cannot decode " + shortTag(r.kind()) + " `" + text + "` as a " + shortTag(want));
    }
    return plainValue(r, text);
  }

  private static String shortTag(GoYamlResolver.Kind k) {
    return switch (k) {
      case NULL -> "!!null";
      case BOOL -> "!!bool";
      case INT -> "!!int";
      case FLOAT -> "!!float";
      case TIMESTAMP -> "!!timestamp";
      case MERGE -> "!!merge";
      case STRING -> "!!str";
    };
  }

  private static Value plainValue(GoYamlResolver.Resolved r, String text) throws YamlError {
    return switch (r.kind()) {
      case NULL -> NullValue.INSTANCE;
      case BOOL -> BooleanValue.of(r.bool());
      // Through BigDecimal: NumberValue.of(BigInteger) does not normalise big values (see report).
      case INT -> NumberValue.of(new BigDecimal(r.integer()));
      case FLOAT -> {
        double d = r.floating();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          // JSON cannot hold these; Go's encoder refuses them on the way to OPA's value.
          throw new YamlError("json: unsupported value: " + (Double.isNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf"));
        }
        yield NumberValue.of(new BigDecimal(Double.toString(d)));
      }
      // go-yaml keeps timestamps as their text when decoding into an untyped value.
      case STRING, TIMESTAMP, MERGE -> StringValue.of(text);
    };
  }

  /**
   * SnakeYAML's errors in go-yaml's words and line numbering: scanner errors give the 1-based
   * line of the problem; parser errors give libyaml's 0-based problem line (which reads as the
   * line before, except at the end of input where libyaml has moved to a new line), falling
   * back to the context line.
   */
  static String goMessage(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "" : firstLine(e.getProblem());
    String context = e.getContext() == null ? "" : e.getContext();
    Mark pm = e.getProblemMark();
    Mark cm = e.getContextMark();
    int line = 0;
    if (e instanceof ScannerException) {
      line = pm == null ? 0 : pm.getLine() + 1;
    } else {
      if (pm != null) {
        line = pm.getLine();
        if (problem.contains("<stream end>") && pm.getColumn() > 0) {
          line++;
        }
      }
      if (line == 0 && cm != null) {
        line = cm.getLine();
      }
    }
    String where = line == 0 ? "" : "line " + line + ": ";
    return "yaml: " + where + translate(context, problem, e);
  }

  private static String translate(String context, String problem, MarkedYAMLException e) {
    if (problem.startsWith("expected ',' or ']'")) {
      return "did not find expected ',' or ']'";
    }
    if (problem.startsWith("expected ',' or '}'")) {
      return "did not find expected ',' or '}'";
    }
    if (problem.startsWith("expected <block end>")) {
      return context.contains("mapping") ? "did not find expected key" : "did not find expected '-' indicator";
    }
    if (problem.startsWith("expected '<document start>'")) {
      return "did not find expected <document start>";
    }
    if (problem.startsWith("mapping values are not allowed")) {
      return "mapping values are not allowed in this context";
    }
    if (problem.contains("that cannot start any token")) {
      return "found character that cannot start any token";
    }
    if (problem.startsWith("found undefined alias")) {
      return "unknown anchor '" + problem.substring("found undefined alias".length()).trim() + "' referenced";
    }
    if (e instanceof ParserException && problem.isEmpty()) {
      return "unknown problem parsing YAML content";
    }
    return problem.isEmpty() ? firstLine(e.getMessage()) : problem;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid YAML";
    }
    int nl = s.indexOf('\n');
    return nl >= 0 ? s.substring(0, nl) : s;
  }
}
