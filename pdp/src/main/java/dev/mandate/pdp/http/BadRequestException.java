package dev.mandate.pdp.http;

/** A request that must be answered with 400 and OPA's {@code invalid_parameter} error. */
final class BadRequestException extends RuntimeException {
  private final boolean malformedBody;

  BadRequestException(String message) {
    this(message, false);
  }

  BadRequestException(String message, boolean malformedBody) {
    super(message, null, false, false);
    this.malformedBody = malformedBody;
  }

  /** True if the body was not JSON at all (counted in the body rejection metric). */
  boolean malformedBody() {
    return malformedBody;
  }
}
