package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a value as YAML the way OPA's {@code yaml.marshal} does: OPA converts the value to JSON
 * and hands it to {@code sigs.k8s.io/yaml}, which re-reads it with go-yaml v2 and emits it with
 * go-yaml v2's port of libyaml's emitter. This class reproduces that emitter's block layout for
 * the values JSON can hold: two-space indentation, sequences inside mappings not indented, empty
 * collections as {@code []} and {@code {}}, keys in go-yaml's "natural" order (digit runs compare
 * as numbers), strings quoted only when they would otherwise read as another type or cannot be
 * plain, multi-line strings as literal blocks, and long plain or quoted lines folded at 80
 * columns (go-yaml v2's default width, which OPA does not change).
 */
final class GoYamlEmitter {
  private static final int BEST_INDENT = 2;
  private static final int BEST_WIDTH = 80;

  private final StringBuilder out = new StringBuilder();
  private int column;
  private boolean whitespace = true;
  private boolean indention = true;
  private int indent = -1;
  private final ArrayList<Integer> indents = new ArrayList<>();

  private GoYamlEmitter() {}

  static String marshal(Value v) {
    GoYamlEmitter e = new GoYamlEmitter();
    e.node(v, false, false);
    e.writeIndent(); // document end
    return e.out.toString();
  }

  // --- structure ---

  private void node(Value v, boolean mappingContext, boolean simpleKey) {
    switch (v) {
      case ArrayValue a -> sequence(a.asList(), mappingContext);
      case SetValue s -> sequence(List.of(s.sortedElements()), mappingContext);
      case ObjectValue o -> mapping(o);
      default -> scalar(scalarText(v), !(v instanceof StringValue), simpleKey);
    }
  }

  private void sequence(List<Value> items, boolean mappingContext) {
    if (items.isEmpty()) {
      writeIndicator("[", true, true, false);
      writeIndicator("]", false, false, false);
      return;
    }
    increaseIndent(false, mappingContext && !indention);
    for (Value item : items) {
      writeIndent();
      writeIndicator("-", true, false, true);
      node(item, false, false);
    }
    popIndent();
  }

  private void mapping(ObjectValue o) {
    List<Map.Entry<String, Value>> entries = GoYamlKeys.sortedEntries(o);
    if (entries.isEmpty()) {
      writeIndicator("{", true, true, false);
      writeIndicator("}", false, false, false);
      return;
    }
    increaseIndent(false, false);
    for (Map.Entry<String, Value> e : entries) {
      writeIndent();
      String key = e.getKey();
      if (isSimpleKey(key)) {
        scalar(key, false, true);
        writeIndicator(":", false, false, false);
      } else {
        writeIndicator("?", true, false, true);
        scalar(key, false, false);
        writeIndent();
        writeIndicator(":", true, false, true);
      }
      node(e.getValue(), true, false);
    }
    popIndent();
  }

  /** libyaml's simple-key test: one line and at most 128 bytes. */
  private static boolean isSimpleKey(String key) {
    return GoText.byteLength(key) <= 128 && !ScalarAnalysis.of(key).multiline;
  }

  private void increaseIndent(boolean flow, boolean indentless) {
    indents.add(indent);
    if (indent < 0) {
      indent = flow ? BEST_INDENT : 0;
    } else if (!indentless) {
      indent += BEST_INDENT;
    }
  }

  private void popIndent() {
    indent = indents.remove(indents.size() - 1);
  }

  // --- scalars ---

  private enum Style { PLAIN, SINGLE, DOUBLE, LITERAL }

  /**
   * The text go-yaml writes for a non-string scalar after the JSON round trip: integers that fit
   * 64 bits as digits, other numbers as Go floats (which may print in exponent form), and numbers
   * too big for a float as the JSON text, which go-yaml then treats as a string.
   */
  private static String scalarText(Value v) {
    return switch (v) {
      case NullValue n -> "null";
      case BooleanValue b -> Boolean.toString(b.value());
      case StringValue s -> s.value();
      case NumberValue n -> numberText(n);
      default -> throw new IllegalArgumentException("not a scalar: " + v.typeName());
    };
  }

  private static String numberText(NumberValue n) {
    String json = n.toString();
    GoYamlResolver.Resolved r = GoYamlResolver.resolvePlain(json);
    return switch (r.kind()) {
      case INT -> r.integer().toString();
      case FLOAT -> GoYamlResolver.formatFloat64(r.floating());
      default -> json;
    };
  }

  /** Emits a scalar; {@code typed} marks non-strings, which go-yaml always writes plain. */
  private void scalar(String text, boolean typed, boolean simpleKey) {
    Style style;
    if (typed) {
      style = Style.PLAIN;
    } else if (text.contains("\n")) {
      style = Style.LITERAL;
    } else if (!GoYamlResolver.needsQuotes(text)) {
      style = Style.PLAIN;
    } else {
      style = Style.DOUBLE;
    }
    ScalarAnalysis a = ScalarAnalysis.of(text);
    if (style == Style.PLAIN) {
      if (!a.blockPlainAllowed || (text.isEmpty() && simpleKey)) {
        style = Style.SINGLE;
      }
    }
    if (style == Style.SINGLE && !a.singleQuotedAllowed) {
      style = Style.DOUBLE;
    }
    if (style == Style.LITERAL && (!a.blockAllowed || simpleKey)) {
      style = Style.DOUBLE;
    }
    increaseIndent(true, false);
    boolean allowBreaks = !simpleKey;
    switch (style) {
      case PLAIN -> writePlain(text, allowBreaks);
      case SINGLE -> writeSingleQuoted(text, allowBreaks);
      case DOUBLE -> writeDoubleQuoted(text, allowBreaks);
      case LITERAL -> writeLiteral(text);
    }
    popIndent();
  }

  /** libyaml's scalar analysis: which styles can represent the text. */
  private static final class ScalarAnalysis {
    boolean multiline;
    boolean blockPlainAllowed = true;
    boolean singleQuotedAllowed = true;
    boolean blockAllowed = true;

    static ScalarAnalysis of(String s) {
      ScalarAnalysis r = new ScalarAnalysis();
      if (s.isEmpty()) {
        r.blockAllowed = false;
        return r;
      }
      int[] cps = s.codePoints().toArray();
      boolean blockIndicators = false;
      boolean specialCharacters = false;
      boolean lineBreaks = false;
      boolean leadingSpace = false;
      boolean leadingBreak = false;
      boolean trailingSpace = false;
      boolean trailingBreak = false;
      boolean breakSpace = false;
      boolean spaceBreak = false;
      boolean previousSpace = false;
      boolean previousBreak = false;
      if (s.startsWith("---") || s.startsWith("...")) {
        blockIndicators = true;
      }
      boolean precededByWhitespace = true;
      boolean followedByWhitespace = cps.length < 2 || isBlank(cps[1]);
      for (int i = 0; i < cps.length; i++) {
        int c = cps[i];
        boolean first = i == 0;
        boolean last = i == cps.length - 1;
        if (first) {
          if ("#,[]{}&*!|>'\"%@`".indexOf(c) >= 0) {
            blockIndicators = true;
          }
          if ((c == '?' || c == ':') && followedByWhitespace) {
            blockIndicators = true;
          }
          if (c == '-' && followedByWhitespace) {
            blockIndicators = true;
          }
        } else {
          if (c == ':' && followedByWhitespace) {
            blockIndicators = true;
          }
          if (c == '#' && precededByWhitespace) {
            blockIndicators = true;
          }
        }
        if (!isPrintable(c)) {
          specialCharacters = true;
        }
        if (isBreak(c)) {
          lineBreaks = true;
        }
        if (c == ' ') {
          if (first) {
            leadingSpace = true;
          }
          if (last) {
            trailingSpace = true;
          }
          if (previousBreak) {
            breakSpace = true;
          }
          previousSpace = true;
          previousBreak = false;
        } else if (isBreak(c)) {
          if (first) {
            leadingBreak = true;
          }
          if (last) {
            trailingBreak = true;
          }
          if (previousSpace) {
            spaceBreak = true;
          }
          previousBreak = true;
          previousSpace = false;
        } else {
          previousSpace = false;
          previousBreak = false;
        }
        precededByWhitespace = isBlank(c);
        followedByWhitespace = i + 2 >= cps.length || isBlank(cps[i + 2]);
      }
      r.multiline = lineBreaks;
      if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
        r.blockPlainAllowed = false;
      }
      if (trailingSpace) {
        r.blockAllowed = false;
      }
      if (breakSpace) {
        r.blockPlainAllowed = false;
        r.singleQuotedAllowed = false;
      }
      if (spaceBreak || specialCharacters) {
        r.blockPlainAllowed = false;
        r.singleQuotedAllowed = false;
        r.blockAllowed = false;
      }
      if (lineBreaks || blockIndicators) {
        r.blockPlainAllowed = false;
      }
      return r;
    }
  }

  /** libyaml's printable set: LF, printable ASCII, and most of the BMP; not tabs, not astral planes. */
  private static boolean isPrintable(int c) {
    return c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);
  }

  private static boolean isBreak(int c) {
    return c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
  }

  private static boolean isBlank(int c) {
    return c == ' ' || c == '\t' || isBreak(c) || c == 0;
  }

  // --- writers (libyaml's) ---

  private void put(char c) {
    out.append(c);
    column++;
  }

  private void putCodePoint(int cp) {
    out.appendCodePoint(cp);
    column++;
  }

  private void putBreak() {
    out.append('\n');
    column = 0;
  }

  private void writeBreak(int cp) {
    if (cp == '\n') {
      putBreak();
    } else {
      out.appendCodePoint(cp);
      column = 0;
    }
  }

  private void writeIndent() {
    int ind = Math.max(indent, 0);
    if (!indention || column > ind || (column == ind && !whitespace)) {
      putBreak();
    }
    while (column < ind) {
      put(' ');
    }
    whitespace = true;
    indention = true;
  }

  private void writeIndicator(String indicator, boolean needWhitespace, boolean isWhitespace, boolean isIndention) {
    if (needWhitespace && !whitespace) {
      put(' ');
    }
    for (int i = 0; i < indicator.length(); i++) {
      put(indicator.charAt(i));
    }
    whitespace = isWhitespace;
    indention = indention && isIndention;
  }

  private void writePlain(String s, boolean allowBreaks) {
    if (!whitespace) {
      put(' ');
    }
    int[] cps = s.codePoints().toArray();
    boolean spaces = false;
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      if (c == ' ') {
        if (allowBreaks && !spaces && column > BEST_WIDTH && i + 1 < cps.length && cps[i + 1] != ' ') {
          writeIndent();
        } else {
          putCodePoint(c);
        }
        spaces = true;
      } else {
        putCodePoint(c);
        indention = false;
        spaces = false;
      }
    }
    whitespace = false;
    indention = false;
  }

  private void writeSingleQuoted(String s, boolean allowBreaks) {
    writeIndicator("'", true, false, false);
    int[] cps = s.codePoints().toArray();
    boolean spaces = false;
    boolean breaks = false;
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      if (c == ' ') {
        if (allowBreaks && !spaces && column > BEST_WIDTH && i > 0 && i < cps.length - 1 && cps[i + 1] != ' ') {
          writeIndent();
        } else {
          putCodePoint(c);
        }
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c == '\n') {
          putBreak();
        }
        writeBreak(c);
        indention = true;
        breaks = true;
      } else {
        if (breaks) {
          writeIndent();
        }
        if (c == '\'') {
          put('\'');
        }
        putCodePoint(c);
        indention = false;
        spaces = false;
        breaks = false;
      }
    }
    writeIndicator("'", false, false, false);
  }

  private void writeDoubleQuoted(String s, boolean allowBreaks) {
    writeIndicator("\"", true, false, false);
    int[] cps = s.codePoints().toArray();
    boolean spaces = false;
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      if (!isPrintable(c) || c == 0xFEFF || isBreak(c) || c == '"' || c == '\\') {
        put('\\');
        switch (c) {
          case 0x00 -> put('0');
          case 0x07 -> put('a');
          case 0x08 -> put('b');
          case 0x09 -> put('t');
          case 0x0A -> put('n');
          case 0x0B -> put('v');
          case 0x0C -> put('f');
          case 0x0D -> put('r');
          case 0x1B -> put('e');
          case '"' -> put('"');
          case '\\' -> put('\\');
          case 0x85 -> put('N');
          case 0xA0 -> put('_');
          case 0x2028 -> put('L');
          case 0x2029 -> put('P');
          default -> {
            int width;
            if (c <= 0xFF) {
              put('x');
              width = 2;
            } else if (c <= 0xFFFF) {
              put('u');
              width = 4;
            } else {
              put('U');
              width = 8;
            }
            for (int k = (width - 1) * 4; k >= 0; k -= 4) {
              int digit = (c >> k) & 0xF;
              put((char) (digit < 10 ? '0' + digit : 'A' + digit - 10));
            }
          }
        }
        spaces = false;
      } else if (c == ' ') {
        if (allowBreaks && !spaces && column > BEST_WIDTH && i > 0 && i < cps.length - 1) {
          writeIndent();
          if (cps[i + 1] == ' ') {
            put('\\');
          }
        } else {
          putCodePoint(c);
        }
        spaces = true;
      } else {
        putCodePoint(c);
        spaces = false;
      }
    }
    writeIndicator("\"", false, false, false);
  }

  private void writeLiteral(String s) {
    writeIndicator("|", true, false, false);
    int[] cps = s.codePoints().toArray();
    if (cps.length > 0 && (cps[0] == ' ' || isBreak(cps[0]))) {
      writeIndicator(Integer.toString(BEST_INDENT), false, false, false);
    }
    String chomp = null;
    if (cps.length == 0 || !isBreak(cps[cps.length - 1])) {
      chomp = "-";
    } else if (cps.length == 1 || isBreak(cps[cps.length - 2])) {
      chomp = "+";
    }
    if (chomp != null) {
      writeIndicator(chomp, false, false, false);
    }
    putBreak();
    indention = true;
    whitespace = true;
    boolean breaks = true;
    for (int c : cps) {
      if (isBreak(c)) {
        writeBreak(c);
        indention = true;
        breaks = true;
      } else {
        if (breaks) {
          writeIndent();
        }
        putCodePoint(c);
        indention = false;
        breaks = false;
      }
    }
  }

}
