package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.Value;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The order in which go-yaml v2 writes map keys. After OPA's JSON round trip every key is a
 * string, and go-yaml sorts strings "naturally": letters by code point, a letter after a
 * non-letter, and runs of digits by their numeric value ({@code a2} before {@code a10}).
 */
final class GoYamlKeys {
  private GoYamlKeys() {}

  /** Entries with keys as JSON text, in go-yaml's order; colliding keys keep the later value. */
  static List<Map.Entry<String, Value>> sortedEntries(ObjectValue o) {
    TreeMap<String, Value> byKey = new TreeMap<>(GoJson.UTF8_ORDER);
    for (Value k : o.keys()) {
      byKey.put(GoJson.keyString(k), o.get(k));
    }
    List<Map.Entry<String, Value>> entries = new ArrayList<>(byKey.size());
    byKey.forEach((k, v) -> entries.add(new AbstractMap.SimpleImmutableEntry<>(k, v)));
    entries.sort((x, y) -> less(x.getKey(), y.getKey()) ? -1 : less(y.getKey(), x.getKey()) ? 1 : 0);
    return entries;
  }

  /** go-yaml v2's {@code keyList.Less} for two strings. */
  static boolean less(String a, String b) {
    int[] ar = a.codePoints().toArray();
    int[] br = b.codePoints().toArray();
    for (int i = 0; i < ar.length && i < br.length; i++) {
      if (ar[i] == br[i]) {
        continue;
      }
      boolean al = Character.isLetter(ar[i]);
      boolean bl = Character.isLetter(br[i]);
      if (al && bl) {
        return ar[i] < br[i];
      }
      if (al || bl) {
        return bl;
      }
      long an = 0;
      long bn = 0;
      if (ar[i] == '0' || br[i] == '0') {
        for (int j = i - 1; j >= 0 && Character.isDigit(ar[j]); j--) {
          if (ar[j] != '0') {
            an = 1;
            bn = 1;
            break;
          }
        }
      }
      int ai = i;
      while (ai < ar.length && Character.isDigit(ar[ai])) {
        an = an * 10 + (ar[ai] - '0');
        ai++;
      }
      int bi = i;
      while (bi < br.length && Character.isDigit(br[bi])) {
        bn = bn * 10 + (br[bi] - '0');
        bi++;
      }
      if (an != bn) {
        return an < bn;
      }
      if (ai != bi) {
        return ai < bi;
      }
      return ar[i] < br[i];
    }
    return ar.length < br.length;
  }
}
