package dev.mandate.sts.client;

import java.util.Arrays;

/** Client authentication methods at the token endpoint (RFC 8414 / IANA registry names). */
public enum AuthMethod {
  CLIENT_SECRET_BASIC("client_secret_basic"),
  CLIENT_SECRET_POST("client_secret_post"),
  PRIVATE_KEY_JWT("private_key_jwt");

  private final String wireName;

  AuthMethod(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static AuthMethod fromWire(String name) {
    return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown client authentication method "
            + name + " (known: client_secret_basic, client_secret_post, private_key_jwt)"));
  }
}
