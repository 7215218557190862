package dev.mandate.sts.jose;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import java.util.Optional;

/**
 * The verifiers {@link Jws#verifier} made, kept per public key and algorithm: building one
 * converts the JWK into a JCA key (big-integer decoding, curve checks) on every token otherwise.
 * A verifier is reused only for a key equal in every member to the one it was made from, so it
 * decides exactly as a fresh one would. Nimbus's verifiers and {@link JdkEd25519Verifier} are
 * thread-safe. Bounded, so rotating remote key sets cannot grow it without end.
 */
public final class VerifierCache {
  private static final int MAX_KEYS = 1_000;

  private record Slot(JWK key, JWSAlgorithm alg) {}

  private final Cache<Slot, Optional<JWSVerifier>> verifiers =
      Caffeine.newBuilder().maximumSize(MAX_KEYS).build();

  /** As {@link Jws#verifier}: null when {@code key} cannot verify {@code alg}. */
  public JWSVerifier verifier(JWK key, JWSAlgorithm alg) throws JOSEException {
    Slot slot = new Slot(key, alg);
    Optional<JWSVerifier> v = verifiers.getIfPresent(slot);
    if (v == null) {
      v = Optional.ofNullable(Jws.verifier(key, alg));
      verifiers.put(slot, v);
    }
    return v.orElse(null);
  }
}
