package dev.mandate.sts.pdp;

/** The PDP could not be asked (connection refused, timeout, 5xx): temporarily_unavailable. */
public final class PdpUnavailableException extends RuntimeException {
  public PdpUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
