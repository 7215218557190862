package dev.mandate.pdp.http;

/** The error codes of OPA's REST API that this service uses. */
final class ErrorCodes {
  static final String INVALID_PARAMETER = "invalid_parameter";
  static final String INTERNAL_ERROR = "internal_error";
  static final String NOT_FOUND = "resource_not_found";
  static final String METHOD_NOT_ALLOWED = "method_not_allowed";
  static final String UNAVAILABLE = "unavailable";

  private ErrorCodes() {}
}
