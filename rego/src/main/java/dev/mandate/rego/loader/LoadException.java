package dev.mandate.rego.loader;

/** A policy or data file that cannot be read; the message names the file. */
public final class LoadException extends RuntimeException {
  public LoadException(String message) {
    super(message);
  }

  public LoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
