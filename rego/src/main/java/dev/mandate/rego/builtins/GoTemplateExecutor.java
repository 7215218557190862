package dev.mandate.rego.builtins;

import dev.mandate.rego.builtins.GoTemplate.Action;
import dev.mandate.rego.builtins.GoTemplate.Arg;
import dev.mandate.rego.builtins.GoTemplate.Break;
import dev.mandate.rego.builtins.GoTemplate.Chain;
import dev.mandate.rego.builtins.GoTemplate.Command;
import dev.mandate.rego.builtins.GoTemplate.Continue;
import dev.mandate.rego.builtins.GoTemplate.Dot;
import dev.mandate.rego.builtins.GoTemplate.Field;
import dev.mandate.rego.builtins.GoTemplate.Ident;
import dev.mandate.rego.builtins.GoTemplate.If;
import dev.mandate.rego.builtins.GoTemplate.Literal;
import dev.mandate.rego.builtins.GoTemplate.Nil;
import dev.mandate.rego.builtins.GoTemplate.Node;
import dev.mandate.rego.builtins.GoTemplate.Pipe;
import dev.mandate.rego.builtins.GoTemplate.Range;
import dev.mandate.rego.builtins.GoTemplate.TemplateException;
import dev.mandate.rego.builtins.GoTemplate.Text;
import dev.mandate.rego.builtins.GoTemplate.Variable;
import dev.mandate.rego.builtins.GoTemplate.With;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Executes a parsed {@link GoTemplate} over data shaped as OPA hands it to Go (a JSON round
 * trip): {@code SortedMap<String, Object>} objects, {@code List<Object>} arrays, {@code String}
 * strings, {@link JsonNumber} numbers, {@code Boolean}s and {@code null}. The template runs with
 * {@code missingkey=error}. Values print as Go's {@code fmt.Fprint} prints them
 * ({@code map[a:1 b:x]}, {@code [1 2]}); a missing value prints {@code <no value>}.
 *
 * <p>Functions: {@code and or not len index eq ne lt le gt ge print println printf}. Go's
 * {@code html js urlquery slice call} are refused.
 */
final class GoTemplateExecutor {
  /** Go's {@code json.Number}: a string type holding a number's text. */
  record JsonNumber(String text) {
    @Override public String toString() { return text; }
  }

  /** The absence of a value (Go's invalid reflect.Value): a nil interface or a missing map entry. */
  private static final Object NO_VALUE = new Object() {
    @Override public String toString() { return "<no value>"; }
  };

  private static final Set<String> FUNCTIONS =
      Set.of("and", "or", "not", "len", "index", "eq", "ne", "lt", "le", "gt", "ge", "print", "println", "printf");
  private static final Set<String> UNSUPPORTED = Set.of("html", "js", "urlquery", "slice", "call");

  static boolean isFunction(String name) {
    return FUNCTIONS.contains(name);
  }

  static boolean isUnsupportedGoFunction(String name) {
    return UNSUPPORTED.contains(name);
  }

  private final String src;
  private final BuiltinContext ctx;
  private final StringBuilder out = new StringBuilder();
  /** Variable stack: name, value pairs; lookups take the innermost. */
  private final List<Object[]> vars = new ArrayList<>();

  private GoTemplateExecutor(String src, BuiltinContext ctx) {
    this.src = src;
    this.ctx = ctx;
  }

  static String execute(String src, List<Node> nodes, Object data, BuiltinContext ctx) {
    GoTemplateExecutor ex = new GoTemplateExecutor(src, ctx);
    ex.vars.add(new Object[] {"$", data});
    ex.walk(nodes, data);
    return ex.out.toString();
  }

  // ---------------------------------------------------------------- control flow

  private static final class BreakSignal extends RuntimeException {
    final boolean isBreak;

    BreakSignal(boolean isBreak) {
      super(null, null, false, false);
      this.isBreak = isBreak;
    }
  }

  private void walk(List<Node> nodes, Object dot) {
    for (Node n : nodes) {
      switch (n) {
        case Text t -> out.append(t.text());
        case Action a -> {
          Object v = evalPipe(a.pipe(), dot);
          if (a.pipe().decl().isEmpty()) {
            out.append(print(v, true));
          }
        }
        case If i -> {
          int mark = vars.size();
          walk(isTrue(evalPipe(i.pipe(), dot)) ? i.then() : i.otherwise(), dot);
          truncate(mark);
        }
        case With w -> {
          int mark = vars.size();
          Object v = evalPipe(w.pipe(), dot);
          if (isTrue(v)) {
            walk(w.then(), v);
          } else {
            walk(w.otherwise(), dot);
          }
          truncate(mark);
        }
        case Range r -> walkRange(r, dot);
        case Break b -> throw new BreakSignal(true);
        case Continue c -> throw new BreakSignal(false);
      }
    }
  }

  private void walkRange(Range r, Object dot) {
    int mark = vars.size();
    Pipe pipe = r.pipe();
    // The declared variables receive key and element; evaluate the pipeline without them.
    Pipe plain = new Pipe(pipe.pos(), List.of(), false, pipe.cmds());
    Object v = evalPipe(plain, dot);
    List<Object[]> items = new ArrayList<>();
    if (v instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        items.add(new Object[] {(long) i, list.get(i)});
      }
    } else if (v instanceof SortedMap<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        items.add(new Object[] {e.getKey(), e.getValue()});
      }
    } else if (v != NO_VALUE && v != null) {
      throw execError(pipe.pos(), pipe.toString(), "range can't iterate over " + print(v, false));
    }
    if (items.isEmpty()) {
      walk(r.otherwise(), dot);
      truncate(mark);
      return;
    }
    for (Object[] item : items) {
      ctx.checkCancelled();
      int inner = vars.size();
      Object elem = item[1] == null ? NO_VALUE : item[1];
      if (pipe.decl().size() == 1) {
        vars.add(new Object[] {pipe.decl().get(0), elem});
      } else if (pipe.decl().size() == 2) {
        vars.add(new Object[] {pipe.decl().get(0), item[0]});
        vars.add(new Object[] {pipe.decl().get(1), elem});
      }
      try {
        walk(r.then(), elem);
      } catch (BreakSignal s) {
        if (s.isBreak) {
          truncate(inner);
          break;
        }
      }
      truncate(inner);
    }
    truncate(mark);
  }

  private void truncate(int size) {
    while (vars.size() > size) {
      vars.removeLast();
    }
  }

  // ---------------------------------------------------------------- evaluation

  private Object evalPipe(Pipe pipe, Object dot) {
    Object value = null;
    boolean hasFinal = false;
    for (Command cmd : pipe.cmds()) {
      value = evalCommand(cmd, dot, hasFinal ? value : null, hasFinal);
      hasFinal = true;
    }
    for (String name : pipe.decl()) {
      if (pipe.isAssign()) {
        for (int i = vars.size() - 1; i >= 0; i--) {
          if (vars.get(i)[0].equals(name)) {
            vars.get(i)[1] = value;
            break;
          }
        }
      } else {
        vars.add(new Object[] {name, value});
      }
    }
    return value;
  }

  private Object evalCommand(Command cmd, Object dot, Object fin, boolean hasFinal) {
    Arg first = cmd.args().getFirst();
    int extra = cmd.args().size() - 1 + (hasFinal ? 1 : 0);
    if (first instanceof Ident id) {
      List<Object> args = new ArrayList<>();
      for (int i = 1; i < cmd.args().size(); i++) {
        Arg node = cmd.args().get(i);
        Object value = evalArg(node, dot);
        if (i == 1 && id.name().equals("printf")) {
          requireString(node, value);
        }
        args.add(value);
      }
      if (hasFinal) {
        if (cmd.args().size() == 1 && id.name().equals("printf") && !(fin instanceof String)) {
          throw execError(id.pos(), id.name(), "wrong type for value; expected string; got " + dynamicType(fin));
        }
        args.add(fin);
      }
      return call(cmd, id.name(), args);
    }
    if (first instanceof Nil n) {
      throw execError(n.pos(), "nil", "nil is not a command");
    }
    if (extra > 0) {
      if (first instanceof Field f) {
        throw execError(f.pos(), f.toString(), f.names().getLast() + " is not a method but has arguments");
      }
      throw execError(first.pos(), first.toString(), "can't give argument to non-function " + first);
    }
    return evalArg(first, dot);
  }

  /** printf's format must be a string: Go checks the argument against the parameter type. */
  private void requireString(Arg node, Object value) {
    if (value instanceof String) {
      return;
    }
    if (node instanceof Literal l) {
      throw execError(l.pos(), l.text(), "expected string; found " + l.text());
    }
    throw execError(node.pos(), node.toString(), "wrong type for value; expected string; got " + dynamicType(value));
  }

  private static String dynamicType(Object v) {
    return v == null || v == NO_VALUE ? "interface {}" : basicType(v);
  }

  private Object evalArg(Arg arg, Object dot) {
    return switch (arg) {
      case Dot d -> dot;
      case Field f -> fieldChain(f.pos(), f.toString(), dot, f.names());
      case Variable v -> fieldChain(v.pos(), v.toString(), lookup(v.name()), v.fields());
      case Chain c -> {
        Object base = evalPipe(c.pipe(), dot);
        yield c.fields().isEmpty() ? base : fieldChain(c.pos(), c.toString(), base, c.fields());
      }
      case Literal l -> l.value();
      case Nil n -> null;
      case Ident i -> throw execError(i.pos(), i.name(), "can't use function " + i.name() + " as an argument");
    };
  }

  private Object lookup(String name) {
    for (int i = vars.size() - 1; i >= 0; i--) {
      if (vars.get(i)[0].equals(name)) {
        return vars.get(i)[1];
      }
    }
    throw new TemplateException("template: " + GoTemplate.NAME + ": undefined variable: " + name);
  }

  private Object fieldChain(int pos, String context, Object receiver, List<String> names) {
    Object v = receiver;
    for (String name : names) {
      if (v instanceof SortedMap<?, ?> map) {
        if (!map.containsKey(name)) {
          throw execError(pos, context, "map has no entry for key \"" + name + "\"");
        }
        Object e = map.get(name);
        v = e == null ? NO_VALUE : e;
      } else if (v == null || v == NO_VALUE) {
        throw execError(pos, context, "nil pointer evaluating interface {}." + name);
      } else {
        // Every data value reaches the template as an interface{}.
        throw execError(pos, context, "can't evaluate field " + name + " in type interface {}");
      }
    }
    return v;
  }

  // ---------------------------------------------------------------- functions

  private Object call(Command cmd, String name, List<Object> args) {
    try {
      return switch (name) {
        case "and" -> {
          atLeast(name, args, 1);
          for (Object a : args) {
            if (!isTrue(a)) {
              yield a;
            }
          }
          yield args.getLast();
        }
        case "or" -> {
          atLeast(name, args, 1);
          for (Object a : args) {
            if (isTrue(a)) {
              yield a;
            }
          }
          yield args.getLast();
        }
        case "not" -> {
          exactly(name, args, 1);
          yield !isTrue(args.getFirst());
        }
        case "len" -> {
          exactly(name, args, 1);
          yield length(args.getFirst());
        }
        case "index" -> {
          atLeast(name, args, 1);
          Object v = args.getFirst();
          if (v == null || v == NO_VALUE) {
            throw new CallError("index of untyped nil");
          }
          for (int i = 1; i < args.size(); i++) {
            if (v == null || v == NO_VALUE) {
              throw new CallError("index of nil pointer");
            }
            v = index(v, args.get(i));
          }
          yield v;
        }
        case "eq" -> {
          atLeast(name, args, 1);
          Object a = args.getFirst();
          if (args.size() == 1) {
            throw new CallError("missing argument for comparison");
          }
          boolean eq = false;
          for (int i = 1; i < args.size() && !eq; i++) {
            eq = equal(a, args.get(i));
          }
          yield eq;
        }
        case "ne" -> {
          exactly(name, args, 2);
          yield !equal(args.get(0), args.get(1));
        }
        case "lt" -> {
          exactly(name, args, 2);
          yield less(args.get(0), args.get(1));
        }
        case "le" -> {
          exactly(name, args, 2);
          yield less(args.get(0), args.get(1)) || equal(args.get(0), args.get(1));
        }
        case "gt" -> {
          exactly(name, args, 2);
          yield !(less(args.get(0), args.get(1)) || equal(args.get(0), args.get(1)));
        }
        case "ge" -> {
          exactly(name, args, 2);
          yield !less(args.get(0), args.get(1));
        }
        case "printf" -> {
          atLeast(name, args, 1);
          String format = (String) args.getFirst(); // checked when the argument was evaluated
          List<GoArg> goArgs = new ArrayList<>();
          for (int i = 1; i < args.size(); i++) {
            goArgs.add(goArg(args.get(i)));
          }
          yield GoSprintf.sprintf(format, goArgs);
        }
        case "print" -> sprint(args, false);
        case "println" -> sprint(args, true);
        default -> throw new IllegalStateException("unknown function " + name);
      };
    } catch (CallError e) {
      if (e.getMessage().startsWith("wrong number")) {
        throw execError(cmd.pos(), name, e.getMessage());
      }
      throw execError(cmd.pos(), cmd.toString(), "error calling " + name + ": " + e.getMessage());
    }
  }

  private static final class CallError extends RuntimeException {
    CallError(String message) {
      super(message, null, false, false);
    }
  }

  private static void atLeast(String name, List<Object> args, int n) {
    if (args.size() < n) {
      throw new CallError("wrong number of args for " + name + ": want at least " + n + " got " + args.size());
    }
  }

  private static void exactly(String name, List<Object> args, int n) {
    if (args.size() != n) {
      throw new CallError("wrong number of args for " + name + ": want " + n + " got " + args.size());
    }
  }

  private static long length(Object v) {
    return switch (v) {
      case String s -> s.getBytes(StandardCharsets.UTF_8).length;
      case JsonNumber n -> n.text().length();
      case List<?> l -> l.size();
      case SortedMap<?, ?> m -> m.size();
      case null -> throw new CallError("len of nil pointer");
      default -> {
        if (v == NO_VALUE) {
          throw new CallError("len of nil pointer");
        }
        throw new CallError("len of type " + basicType(v));
      }
    };
  }

  private static Object index(Object v, Object key) {
    if (v instanceof SortedMap<?, ?> m) {
      if (!(key instanceof String)) {
        throw new CallError("value has type " + basicType(key) + "; should be string");
      }
      Object e = m.get(key);
      return e == null ? NO_VALUE : e;
    }
    if (v instanceof List<?> || v instanceof String || v instanceof JsonNumber) {
      if (!(key instanceof Long || key instanceof Integer)) {
        throw new CallError("cannot index slice/array with type " + basicType(key));
      }
      long i = ((Number) key).longValue();
      int size = v instanceof List<?> l ? l.size() : utf8(v.toString()).length;
      if (i < 0 || i >= size) {
        throw new CallError("index out of range: " + i);
      }
      if (v instanceof List<?> l) {
        Object e = l.get((int) i);
        return e == null ? NO_VALUE : e;
      }
      return (long) (utf8(v.toString())[(int) i] & 0xFF); // a byte, printed as a number
    }
    throw new CallError("can't index item of type " + basicType(v));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Go's eq for two operands: basic kinds compare by value, a nil equals only a nil. */
  private static boolean equal(Object a, Object b) {
    String ka = kind(a);
    String kb = kind(b);
    if (!ka.equals(kb)) {
      if (ka.equals("invalid") || kb.equals("invalid")) {
        return false;
      }
      throw new CallError("incompatible types for comparison");
    }
    return switch (ka) {
      case "invalid" -> true;
      case "bool" -> a.equals(b);
      case "int" -> ((Number) a).longValue() == ((Number) b).longValue();
      case "float" -> ((Double) a).doubleValue() == (Double) b;
      case "string" -> a.toString().equals(b.toString());
      default -> throw new CallError("non-comparable type " + print(b, false) + ": " + basicType(b));
    };
  }

  /** Go's lt: ints, floats and strings of one kind only. */
  private static boolean less(Object a, Object b) {
    String ka = kind(a);
    String kb = kind(b);
    if (!isOrdered(ka) && !ka.equals("bool") || !isOrdered(kb) && !kb.equals("bool")) {
      throw new CallError("invalid type for comparison");
    }
    if (!ka.equals(kb)) {
      throw new CallError("incompatible types for comparison");
    }
    return switch (ka) {
      case "int" -> ((Number) a).longValue() < ((Number) b).longValue();
      case "float" -> (Double) a < (Double) b;
      case "string" -> utf8Compare(a.toString(), b.toString()) < 0;
      default -> throw new CallError("invalid type for comparison");
    };
  }

  private static boolean isOrdered(String kind) {
    return kind.equals("int") || kind.equals("float") || kind.equals("string");
  }

  private static int utf8Compare(String a, String b) {
    byte[] x = utf8(a);
    byte[] y = utf8(b);
    return java.util.Arrays.compareUnsigned(x, y);
  }

  /** Go's basic kind; json.Number is a string kind, composites are not basic. */
  private static String kind(Object v) {
    return switch (v) {
      case String s -> "string";
      case JsonNumber n -> "string";
      case Long l -> "int";
      case Integer i -> "int";
      case Double d -> "float";
      case Boolean b -> "bool";
      case null -> "invalid";
      case List<?> l -> "composite";
      case SortedMap<?, ?> m -> "composite";
      default -> "invalid";
    };
  }

  private static String basicType(Object v) {
    return switch (v) {
      case String s -> "string";
      case JsonNumber n -> "json.Number";
      case Long l -> "int";
      case Integer i -> "int32";
      case Double d -> "float64";
      case Boolean b -> "bool";
      case List<?> l -> "[]interface {}";
      case SortedMap<?, ?> m -> "map[string]interface {}";
      default -> "interface {}";
    };
  }

  /** fmt.Sprint / fmt.Sprintln of the arguments. */
  private static String sprint(List<Object> args, boolean ln) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      if (i > 0) {
        boolean isString = a instanceof String || a instanceof JsonNumber;
        boolean prevString = args.get(i - 1) instanceof String || args.get(i - 1) instanceof JsonNumber;
        if (ln || (!isString && !prevString)) {
          sb.append(' ');
        }
      }
      sb.append(print(a, false));
    }
    if (ln) {
      sb.append('\n');
    }
    return sb.toString();
  }

  /** The Go value printf sees. */
  private static GoArg goArg(Object v) {
    return switch (v) {
      case String s -> new GoArg.Str(s);
      case JsonNumber n -> new GoArg.JsonNumber(n.text());
      case Long l -> new GoArg.Int(l);
      case Integer i -> new GoArg.Int(i);
      case Double d -> new GoArg.Float(d);
      case Boolean b -> new GoArg.Bool(b);
      case List<?> list -> {
        List<GoArg> elements = new ArrayList<>();
        for (Object e : list) {
          elements.add(goArg(e));
        }
        yield new GoArg.Slice(elements);
      }
      case SortedMap<?, ?> map -> {
        List<String> keys = new ArrayList<>();
        List<GoArg> values = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          keys.add((String) e.getKey());
          values.add(goArg(e.getValue()));
        }
        yield new GoArg.Map(keys, values);
      }
      case null -> new GoArg.Nil();
      default -> new GoArg.Nil();
    };
  }

  /** Go's truth: false, 0, nil, and empty strings, arrays and maps are false. */
  static boolean isTrue(Object v) {
    return switch (v) {
      case null -> false;
      case Boolean b -> b;
      case String s -> !s.isEmpty();
      case JsonNumber n -> !n.text().isEmpty();
      case Long l -> l != 0;
      case Integer i -> i != 0;
      case Double d -> d != 0;
      case List<?> l -> !l.isEmpty();
      case SortedMap<?, ?> m -> !m.isEmpty();
      default -> v != NO_VALUE;
    };
  }

  /** fmt.Fprint of a value; at top level a missing value is {@code <no value>}. */
  static String print(Object v, boolean topLevel) {
    StringBuilder sb = new StringBuilder();
    appendValue(sb, v, topLevel);
    return sb.toString();
  }

  private static void appendValue(StringBuilder sb, Object v, boolean topLevel) {
    switch (v) {
      case null -> sb.append(topLevel ? "<no value>" : "<nil>");
      case List<?> list -> {
        sb.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            sb.append(' ');
          }
          appendValue(sb, list.get(i), false);
        }
        sb.append(']');
      }
      case SortedMap<?, ?> map -> {
        sb.append("map[");
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!first) {
            sb.append(' ');
          }
          first = false;
          sb.append(e.getKey()).append(':');
          appendValue(sb, e.getValue(), false);
        }
        sb.append(']');
      }
      case Double d -> sb.append(GoFloatFormat.format(d, 'g', -1));
      default -> sb.append(v == NO_VALUE && !topLevel ? "<nil>" : v.toString());
    }
  }

  // ---------------------------------------------------------------- errors

  /** Go's execution error: {@code template: NAME:LINE:COL: executing "NAME" at <CTX>: MSG}. */
  private TemplateException execError(int bytePos, String context, String message) {
    byte[] bytes = utf8(src);
    int p = Math.min(bytePos, bytes.length);
    String before = new String(bytes, 0, p, StandardCharsets.UTF_8);
    int lastNewline = before.lastIndexOf('\n');
    int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
    int col = lastNewline < 0 ? p : p - utf8(before.substring(0, lastNewline + 1)).length;
    if (context.codePointCount(0, context.length()) > 20) {
      context = context.substring(0, context.offsetByCodePoints(0, 20)) + "...";
    }
    return new TemplateException("template: " + GoTemplate.NAME + ":" + line + ":" + col
        + ": executing \"" + GoTemplate.NAME + "\" at <" + context + ">: " + message);
  }
}
