package dev.mandate.sts.oauth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token endpoint error response (RFC 6749 §5.2): the {@code error} code, a human description,
 * the HTTP status, and extra members such as {@code decision_id} or {@code interval}. Thrown
 * anywhere on the request path and turned into exactly one JSON response by the endpoint.
 */
public final class OAuthException extends RuntimeException {
  private final String error;
  private final String description;
  private final int status;
  private final Map<String, Object> extra;
  private final String wwwAuthenticate;

  private OAuthException(String error, String description, int status, Map<String, Object> extra,
      String wwwAuthenticate) {
    super(error + ": " + description, null, false, false);
    this.error = error;
    this.description = description;
    this.status = status;
    this.extra = Map.copyOf(extra);
    this.wwwAuthenticate = wwwAuthenticate;
  }

  public static OAuthException of(String error, String description, int status) {
    return new OAuthException(error, description, status, Map.of(), null);
  }

  public static OAuthException invalidRequest(String description) {
    return of(OAuthErrors.INVALID_REQUEST, description, 400);
  }

  public static OAuthException invalidGrant(String description) {
    return of(OAuthErrors.INVALID_GRANT, description, 400);
  }

  /**
   * {@code invalid_client}: always 401 and always the same generic description, so a caller
   * cannot tell an unknown client from a wrong secret or a bad assertion. {@code basicRealm}
   * adds the {@code WWW-Authenticate} challenge RFC 6749 §5.2 requires when the client tried
   * HTTP Basic.
   */
  public static OAuthException invalidClient(boolean basicRealm) {
    return new OAuthException(OAuthErrors.INVALID_CLIENT, "client authentication failed", 401,
        Map.of(), basicRealm ? "Basic realm=\"mandate\"" : null);
  }

  public static OAuthException serverError(String description) {
    return of(OAuthErrors.SERVER_ERROR, description, 500);
  }

  public static OAuthException unavailable(String description) {
    return of(OAuthErrors.TEMPORARILY_UNAVAILABLE, description, 503);
  }

  /** A copy with one more response member. */
  public OAuthException with(String name, Object value) {
    Map<String, Object> m = new LinkedHashMap<>(extra);
    m.put(name, value);
    return new OAuthException(error, description, status, m, wwwAuthenticate);
  }

  public String error() {
    return error;
  }

  public String description() {
    return description;
  }

  public int status() {
    return status;
  }

  public Map<String, Object> extra() {
    return extra;
  }

  /** The {@code WWW-Authenticate} header value, or null. */
  public String wwwAuthenticate() {
    return wwwAuthenticate;
  }
}
