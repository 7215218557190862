package dev.mandate.sts.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers, per client, the secret that last passed the stored PBKDF2 check, so that a client
 * presenting the same secret again is recognised with one HMAC-SHA256 instead of a full PBKDF2
 * derivation (100,000+ iterations: tens of milliseconds of CPU, which otherwise dominates a token
 * exchange and caps the STS at a few dozen exchanges per second per core).
 *
 * <p>What is kept is not the secret but HMAC-SHA256(k, secret) under a random key {@code k} made
 * for this process and never written anywhere; comparisons take constant time. Only a secret that
 * has just matched a registered client's PBKDF2 hash is remembered, one per client, so the memory
 * is bounded by the number of registered clients and an attacker cannot fill it. A wrong secret
 * (and an unknown client, via the decoy) still costs a full PBKDF2 derivation, so response times
 * still reveal nothing the response does not. The trade-off: someone able to read this process's
 * memory could test guesses against the HMAC faster than against PBKDF2 — but such a reader
 * already holds the STS's signing keys, and the PBKDF2 hashes at rest (configuration files) are
 * unchanged.
 */
final class VerifiedSecrets {
  private static final String MAC = "HmacSHA256";

  private final SecretKeySpec key;
  private final ConcurrentHashMap<String, byte[]> byClient = new ConcurrentHashMap<>();

  VerifiedSecrets() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    this.key = new SecretKeySpec(k, MAC);
  }

  /** True if {@code secret} is the one last verified for {@code clientId}. */
  boolean known(String clientId, String secret) {
    byte[] remembered = byClient.get(clientId);
    return remembered != null && MessageDigest.isEqual(remembered, mac(secret));
  }

  /** Call only after {@code secret} has matched the client's stored PBKDF2 hash. */
  void remember(String clientId, String secret) {
    byClient.put(clientId, mac(secret));
  }

  private byte[] mac(String secret) {
    try {
      Mac mac = Mac.getInstance(MAC);
      mac.init(key);
      return mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(MAC + " is not available", e);
    }
  }
}
