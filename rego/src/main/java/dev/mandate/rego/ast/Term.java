package dev.mandate.rego.ast;

import dev.mandate.rego.value.Value;
import java.util.List;

/**
 * A Rego term as written in source: scalars, variables, references, composite literals,
 * comprehensions and calls. Terms are immutable; the compiler produces rewritten copies.
 */
public sealed interface Term {
  Location location();

  /** A null, boolean, number or string literal. */
  record Scalar(Value value, Location location) implements Term {}

  /**
   * A variable. The parser gives every wildcard the name {@code "_"}; the compiler renames each
   * occurrence apart, so two wildcards never unify with each other.
   */
  record Var(String name, Location location) implements Term {
    public boolean isWildcard() {
      return name.equals("_");
    }
  }

  /**
   * A reference: a head followed by a path. {@code data.a[x].b} has head {@code Var(data)} and
   * path {@code ["a", x, "b"]} where dotted segments are string scalars. The head may also be a
   * composite literal or a call ({@code [1, 2][0]}, {@code f(x).y}).
   */
  record Ref(Term head, List<Term> path, Location location) implements Term {
    public Ref {
      path = List.copyOf(path);
    }
  }

  record ArrayTerm(List<Term> items, Location location) implements Term {
    public ArrayTerm {
      items = List.copyOf(items);
    }
  }

  record SetTerm(List<Term> items, Location location) implements Term {
    public SetTerm {
      items = List.copyOf(items);
    }
  }

  /** An object literal; {@code keys.get(i)} maps to {@code values.get(i)}. */
  record ObjectTerm(List<Term> keys, List<Term> values, Location location) implements Term {
    public ObjectTerm {
      keys = List.copyOf(keys);
      values = List.copyOf(values);
      if (keys.size() != values.size()) {
        throw new IllegalArgumentException("object keys and values differ in number");
      }
    }
  }

  record ArrayComprehension(Term head, List<Expr> body, Location location) implements Term {
    public ArrayComprehension {
      body = List.copyOf(body);
    }
  }

  record SetComprehension(Term head, List<Expr> body, Location location) implements Term {
    public SetComprehension {
      body = List.copyOf(body);
    }
  }

  record ObjectComprehension(Term key, Term value, List<Expr> body, Location location) implements Term {
    public ObjectComprehension {
      body = List.copyOf(body);
    }
  }

  /**
   * A call of a built-in or a user function. Infix operators are calls too, under OPA's
   * operator names: {@code plus minus mul div rem equal neq lt lte gt gte and or} and
   * {@code internal.member_2} / {@code internal.member_3} for {@code in}. The operator is a
   * reference such as {@code count}, {@code strings.replace_n} or {@code data.pkg.f}.
   */
  record Call(Ref operator, List<Term> args, Location location) implements Term {
    public Call {
      args = List.copyOf(args);
    }
  }
}
