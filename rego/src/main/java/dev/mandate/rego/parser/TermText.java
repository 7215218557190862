package dev.mandate.rego.parser;

import dev.mandate.rego.ast.Term;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Values;
import java.util.List;

/** What OPA's error messages say about terms: their kind names, their source form, groundness. */
final class TermText {
  private TermText() {}

  /** OPA's name for the kind of value a term holds ("var", "ref", "arraycomprehension", ...). */
  static String valueName(Term t) {
    return switch (t) {
      case Term.Scalar s -> switch (s.value()) {
        case StringValue ignored -> "string";
        case NumberValue ignored -> "number";
        case BooleanValue ignored -> "boolean";
        case NullValue ignored -> "null";
        default -> s.value().typeName();
      };
      case Term.Var ignored -> "var";
      case Term.Ref ignored -> "ref";
      case Term.Call ignored -> "call";
      case Term.ArrayTerm ignored -> "array";
      case Term.SetTerm ignored -> "set";
      case Term.ObjectTerm ignored -> "object";
      case Term.ArrayComprehension ignored -> "arraycomprehension";
      case Term.SetComprehension ignored -> "setcomprehension";
      case Term.ObjectComprehension ignored -> "objectcomprehension";
    };
  }

  /** The term in Rego syntax, as OPA prints it in messages. */
  static String print(Term t) {
    StringBuilder sb = new StringBuilder();
    append(sb, t);
    return sb.toString();
  }

  private static void append(StringBuilder sb, Term t) {
    switch (t) {
      case Term.Scalar s -> Values.appendRego(sb, s.value());
      case Term.Var v -> sb.append(v.name());
      case Term.Ref r -> {
        append(sb, r.head());
        for (Term p : r.path()) {
          if (p instanceof Term.Scalar s && s.value() instanceof StringValue str
              && isVarName(str.value())) {
            sb.append('.').append(str.value());
          } else {
            sb.append('[');
            append(sb, p);
            sb.append(']');
          }
        }
      }
      case Term.Call c -> {
        append(sb, c.operator());
        sb.append('(');
        appendAll(sb, c.args());
        sb.append(')');
      }
      case Term.ArrayTerm a -> {
        sb.append('[');
        appendAll(sb, a.items());
        sb.append(']');
      }
      case Term.SetTerm s -> {
        if (s.items().isEmpty()) {
          sb.append("set()");
        } else {
          sb.append('{');
          appendAll(sb, s.items());
          sb.append('}');
        }
      }
      case Term.ObjectTerm o -> {
        sb.append('{');
        for (int i = 0; i < o.keys().size(); i++) {
          if (i > 0) {
            sb.append(", ");
          }
          append(sb, o.keys().get(i));
          sb.append(": ");
          append(sb, o.values().get(i));
        }
        sb.append('}');
      }
      case Term.ArrayComprehension c -> {
        sb.append('[');
        append(sb, c.head());
        sb.append(" | ...]");
      }
      case Term.SetComprehension c -> {
        sb.append('{');
        append(sb, c.head());
        sb.append(" | ...}");
      }
      case Term.ObjectComprehension c -> {
        sb.append('{');
        append(sb, c.key());
        sb.append(": ");
        append(sb, c.value());
        sb.append(" | ...}");
      }
    }
  }

  private static void appendAll(StringBuilder sb, List<Term> terms) {
    for (int i = 0; i < terms.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      append(sb, terms.get(i));
    }
  }

  /** True when s can be written after a dot in a ref: an identifier that is not a keyword. */
  static boolean isVarName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      if (!letter && (i == 0 || c < '0' || c > '9')) {
        return false;
      }
    }
    return !TokenKind.isKeyword(s);
  }

  /**
   * OPA's groundness: no variables. As in OPA, a ref is ground when its path is (its head is
   * not looked at), and comprehensions count as not ground.
   */
  static boolean isGround(Term t) {
    return switch (t) {
      case Term.Scalar ignored -> true;
      case Term.Var ignored -> false;
      case Term.Ref r -> allGround(r.path());
      case Term.Call c -> isGround(c.operator()) && allGround(c.args());
      case Term.ArrayTerm a -> allGround(a.items());
      case Term.SetTerm s -> allGround(s.items());
      case Term.ObjectTerm o -> allGround(o.keys()) && allGround(o.values());
      case Term.ArrayComprehension ignored -> false;
      case Term.SetComprehension ignored -> false;
      case Term.ObjectComprehension ignored -> false;
    };
  }

  private static boolean allGround(List<Term> terms) {
    for (Term t : terms) {
      if (!isGround(t)) {
        return false;
      }
    }
    return true;
  }
}
