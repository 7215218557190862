package dev.mandate.rego.eval;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Helper objects reused within one evaluation, in last-in first-out order: uses nest (a rule's
 * body asks for another rule's value, a comprehension holds another), so each level gets its own
 * instance, made on first use and kept for the next use at that depth. Callers reset what they
 * take and clear it when they give it back. Not thread-safe: one evaluation, one thread.
 */
final class ReuseStack<T> {
  private final Supplier<T> create;
  private Object[] items = new Object[8];
  private int top;

  ReuseStack(Supplier<T> create) {
    this.create = create;
  }

  /** The instance for the next level down. */
  @SuppressWarnings("unchecked")
  T push() {
    if (top == items.length) {
      items = Arrays.copyOf(items, top * 2);
    }
    Object item = items[top];
    if (item == null) {
      item = create.get();
      items[top] = item;
    }
    top++;
    return (T) item;
  }

  /** Gives back the instance of the innermost level; it stays for the next {@link #push}. */
  @SuppressWarnings("unchecked")
  T pop() {
    return (T) items[--top];
  }
}
