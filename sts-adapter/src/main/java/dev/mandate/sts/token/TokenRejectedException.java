package dev.mandate.sts.token;

/**
 * A subject, actor or client assertion token failed validation. {@code reason} is a stable,
 * machine-readable code that is safe to return to the client ({@code bad_signature},
 * {@code untrusted_issuer}, ...); {@code detail} is for the server log only.
 */
public final class TokenRejectedException extends Exception {
  private final String reason;

  public TokenRejectedException(String reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
