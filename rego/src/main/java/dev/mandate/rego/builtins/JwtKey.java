package dev.mandate.rego.builtins;

import java.security.PublicKey;

/**
 * A key a token may be verified with, as parsed from a certificate, a PEM public key or a JWK
 * set entry. {@code alg} and {@code kid} are the JWK's own parameters ("" when absent, always ""
 * for PEM input): OPA uses them to pick keys from a set.
 */
record JwtKey(Material material, String alg, String kid) {

  /** What the key is, which decides the algorithms it can verify. */
  sealed interface Material permits Asymmetric, Secret, Unusable {}

  /**
   * A public key. {@code fromPrivateJwk} marks the public half of a private JWK: OPA's
   * single-algorithm verify built-ins refuse those (Go sees a private key type there), while
   * {@code io.jwt.decode_verify} verifies with the public half.
   */
  record Asymmetric(PublicKey key, boolean fromPrivateJwk) implements Material {}

  /** An HMAC secret from a symmetric ({@code "kty": "oct"}) JWK. */
  record Secret(byte[] bytes) implements Material {}

  /** A key that parses but cannot verify any JWS algorithm (e.g. an X25519 key). */
  record Unusable(String description) implements Material {}
}
