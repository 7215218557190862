package dev.mandate.rego.compiler;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Hands out frame slots for one rule or query, remembering which scope owns each. */
final class SlotAllocator {
  private final List<Scope> owners = new ArrayList<>();
  private final BitSet generated = new BitSet();

  int next(Scope owner) {
    owners.add(owner);
    return owners.size() - 1;
  }

  int size() {
    return owners.size();
  }

  Scope owner(int slot) {
    return owners.get(slot);
  }

  void markGenerated(int slot) {
    generated.set(slot);
  }

  boolean isGenerated(int slot) {
    return generated.get(slot);
  }
}
