package dev.mandate.sts.keys;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The STS's signing keys and their rotation. At any time there is one {@code current} key that
 * signs, one {@code next} key that is already published but does not sign yet (so relying
 * parties have it cached before the first token it signs appears), and any {@code retired} keys
 * that are still published until every token they signed has expired.
 *
 * <p>{@link #rotate()} promotes next to current, retires the old current until {@code now +
 * maxTokenLifetime + skew}, and generates a new next key. The ring lives in a JSON key file that
 * only its owner can read; it is created on first start.
 */
public final class SigningKeys {
  /** One key and its state in the ring. */
  public record Entry(JWK key, State state, Instant retireAfter) {}

  public enum State { CURRENT, NEXT, RETIRED }

  private final Path file;
  private final SigningAlgorithm algorithm;
  private final Duration keepRetired;
  private final Clock clock;
  private volatile List<Entry> entries;

  private SigningKeys(Path file, SigningAlgorithm algorithm, Duration keepRetired, Clock clock,
      List<Entry> entries) {
    this.file = file;
    this.algorithm = algorithm;
    this.keepRetired = keepRetired;
    this.clock = clock;
    this.entries = List.copyOf(entries);
  }

  /**
   * Loads the key ring from {@code file}, or creates it with a fresh current and next key.
   * {@code keepRetired} is how long a retired key stays published: the maximum token lifetime
   * plus the clock skew relying parties allow. A null {@code file} keeps the ring in memory.
   */
  public static SigningKeys loadOrCreate(Path file, SigningAlgorithm algorithm,
      Duration keepRetired, Clock clock) {
    try {
      if (file != null && Files.exists(file)) {
        SigningKeys keys = new SigningKeys(file, algorithm, keepRetired, clock,
            parse(OwnerOnlyFiles.readPrivate(file)));
        keys.checkAlgorithm();
        return keys;
      }
      List<Entry> fresh = List.of(new Entry(algorithm.generate(), State.CURRENT, null),
          new Entry(algorithm.generate(), State.NEXT, null));
      SigningKeys keys = new SigningKeys(file, algorithm, keepRetired, clock, fresh);
      keys.save();
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load or create the signing key file " + file, e);
    }
  }

  private void checkAlgorithm() {
    SigningAlgorithm inFile = SigningAlgorithm.of(current());
    if (inFile != algorithm) {
      throw new IllegalStateException("the key file " + file + " holds " + inFile
          + " keys but the configured signing algorithm is " + algorithm
          + "; rotate or remove the file to change algorithm");
    }
  }

  /** The private key that signs now. */
  public JWK current() {
    return entries.stream().filter(e -> e.state() == State.CURRENT).findFirst().orElseThrow()
        .key();
  }

  public SigningAlgorithm algorithm() {
    return algorithm;
  }

  public List<Entry> entries() {
    return entries;
  }

  /** The public keys to publish: current, next, and retired keys still within their window. */
  public JWKSet published() {
    Instant now = clock.instant();
    List<JWK> keys = new ArrayList<>();
    for (Entry e : entries) {
      if (e.state() != State.RETIRED || e.retireAfter().isAfter(now)) {
        keys.add(e.key().toPublicJWK());
      }
    }
    return new JWKSet(keys);
  }

  /** Promotes the next key, retires the current one, and publishes a new next key. */
  public synchronized void rotate() {
    Instant now = clock.instant();
    List<Entry> out = new ArrayList<>();
    for (Entry e : entries) {
      switch (e.state()) {
        case CURRENT -> out.add(new Entry(e.key(), State.RETIRED, now.plus(keepRetired)));
        case NEXT -> out.add(new Entry(e.key(), State.CURRENT, null));
        case RETIRED -> {
          if (e.retireAfter().isAfter(now)) {
            out.add(e);
          }
        }
      }
    }
    out.add(new Entry(algorithm.generate(), State.NEXT, null));
    entries = List.copyOf(out);
    try {
      save();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the rotated signing keys to " + file, e);
    }
  }

  private void save() throws IOException {
    if (file == null) {
      return;
    }
    List<Object> list = new ArrayList<>();
    for (Entry e : entries) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("state", e.state().name().toLowerCase(java.util.Locale.ROOT));
      if (e.retireAfter() != null) {
        m.put("retire_after", e.retireAfter().getEpochSecond());
      }
      m.put("jwk", e.key().toJSONObject());
      list.add(m);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("keys", list);
    OwnerOnlyFiles.write(file, JSONObjectUtils.toJSONString(root));
  }

  private static List<Entry> parse(String json) throws IOException {
    try {
      Map<String, Object> root = JSONObjectUtils.parse(json);
      List<Entry> out = new ArrayList<>();
      for (Object o : JSONObjectUtils.getJSONArray(root, "keys")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) o;
        State state = State.valueOf(
            JSONObjectUtils.getString(m, "state").toUpperCase(java.util.Locale.ROOT));
        Instant retire = m.get("retire_after") instanceof Number n
            ? Instant.ofEpochSecond(n.longValue()) : null;
        JWK key = JWK.parse(JSONObjectUtils.getJSONObject(m, "jwk"));
        if (!key.isPrivate()) {
          throw new IOException("key " + key.getKeyID() + " in the key file has no private part");
        }
        if (state == State.RETIRED && retire == null) {
          throw new IOException("retired key " + key.getKeyID() + " has no retire_after");
        }
        out.add(new Entry(key, state, retire));
      }
      if (out.stream().filter(e -> e.state() == State.CURRENT).count() != 1
          || out.stream().filter(e -> e.state() == State.NEXT).count() != 1) {
        throw new IOException("the key file must hold exactly one current and one next key");
      }
      return out;
    } catch (ParseException | ClassCastException | IllegalArgumentException e) {
      throw new IOException("malformed key file: " + e.getMessage(), e);
    }
  }
}
