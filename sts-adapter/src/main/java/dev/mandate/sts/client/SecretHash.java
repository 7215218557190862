package dev.mandate.sts.client;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A client secret stored as a salted PBKDF2-HMAC-SHA256 hash, in the text form
 * {@code pbkdf2-sha256$<iterations>$<salt, base64url>$<hash, base64url>}. Only the hash is ever
 * kept; {@link #matches} recomputes it and compares in constant time.
 */
public record SecretHash(int iterations, byte[] salt, byte[] hash) {
  public static final String PREFIX = "pbkdf2-sha256";
  /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
  public static final int DEFAULT_ITERATIONS = 600_000;
  private static final int MIN_ITERATIONS = 10_000;
  private static final int MAX_ITERATIONS = 10_000_000;
  private static final int HASH_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  public SecretHash {
    if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException("PBKDF2 iterations must be between " + MIN_ITERATIONS
          + " and " + MAX_ITERATIONS);
    }
    if (salt.length < 16 || hash.length != HASH_BYTES) {
      throw new IllegalArgumentException("PBKDF2 salt must be >= 16 bytes and hash 32 bytes");
    }
    salt = salt.clone();
    hash = hash.clone();
  }

  public static SecretHash create(String secret, int iterations) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return new SecretHash(iterations, salt, derive(secret, salt, iterations));
  }

  public static SecretHash parse(String text) {
    String[] parts = text.split("\\$", -1);
    if (parts.length != 4 || !PREFIX.equals(parts[0])) {
      throw new IllegalArgumentException("a secret hash must look like " + PREFIX
          + "$<iterations>$<salt>$<hash>");
    }
    try {
      Base64.Decoder d = Base64.getUrlDecoder();
      return new SecretHash(Integer.parseInt(parts[1]), d.decode(parts[2]), d.decode(parts[3]));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed secret hash: " + e.getMessage(), e);
    }
  }

  public String format() {
    Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
    return PREFIX + "$" + iterations + "$" + e.encodeToString(salt) + "$" + e.encodeToString(hash);
  }

  /** True if {@code secret} hashes to this hash; the comparison takes constant time. */
  public boolean matches(String secret) {
    return MessageDigest.isEqual(hash, derive(secret, salt, iterations));
  }

  private static byte[] derive(String secret, byte[] salt, int iterations) {
    char[] chars = secret.toCharArray();
    PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BYTES * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    } finally {
      spec.clearPassword();
      Arrays.fill(chars, '\0');
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretHash s && s.iterations == iterations
        && Arrays.equals(s.salt, salt) && Arrays.equals(s.hash, hash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return PREFIX + "$" + iterations + "$...";
  }
}
