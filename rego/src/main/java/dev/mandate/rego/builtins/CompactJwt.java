package dev.mandate.rego.builtins;

import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.Value;
import java.nio.charset.StandardCharsets;

/**
 * A JWS in compact serialisation, split into its three base64url segments, with the decoding
 * steps OPA applies to each and OPA's error wording for each failure.
 */
record CompactJwt(String header, String payload, String signature) {
  /**
   * Tokens longer than this are refused. OPA has no bound; ours keeps a hostile input from
   * costing more than a bounded amount of decoding and JSON parsing.
   */
  static final int MAX_TOKEN_LENGTH = 1 << 20;

  /** Splits a token as OPA's {@code decodeJWT} does. */
  static CompactJwt split(String token) {
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw BuiltinException.error("encoded JWT exceeds the maximum size of " + MAX_TOKEN_LENGTH + " bytes");
    }
    if (token.indexOf('.') < 0) {
      throw BuiltinException.error("encoded JWT had no period separators");
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw BuiltinException.error("encoded JWT must have 3 sections, found " + parts.length);
    }
    return new CompactJwt(parts[0], parts[1], parts[2]);
  }

  /** The header as a JSON object; a JWE header ({@code enc} present) is refused. */
  ObjectValue decodeHeader() {
    byte[] bytes;
    try {
      bytes = JwtBase64.decode(header);
    } catch (IllegalArgumentException e) {
      throw BuiltinException.error("JWT header had invalid encoding: " + e.getMessage());
    }
    ObjectValue h;
    try {
      h = jsonObject(utf8(bytes));
    } catch (BuiltinException e) {
      throw BuiltinException.error("bad JWT header: " + e.getMessage());
    }
    if (h.get("enc") != null) {
      throw BuiltinException.error("JWT is a JWE object, which is not supported");
    }
    return h;
  }

  /** The payload's decoded text. */
  String decodePayload() {
    try {
      return utf8(JwtBase64.decode(payload));
    } catch (IllegalArgumentException e) {
      throw BuiltinException.error("JWT payload had invalid encoding: " + e.getMessage());
    }
  }

  /** The raw signature bytes; the error carries only the decoder's message, as in OPA. */
  byte[] decodeSignature() {
    try {
      return JwtBase64.decode(signature);
    } catch (IllegalArgumentException e) {
      throw BuiltinException.error(e.getMessage());
    }
  }

  /** The bytes the signature covers: {@code header.payload} as they appear in the token. */
  byte[] signingInput() {
    return (header + "." + payload).getBytes(StandardCharsets.UTF_8);
  }

  /** Parses JSON text that must hold an object (the shared parser limits nesting depth). */
  static ObjectValue jsonObject(String text) {
    Value v;
    try {
      v = Json.parse(text);
    } catch (Json.JsonException | NumberFormatException e) {
      throw BuiltinException.error("invalid JSON: " + e.getMessage());
    }
    if (!(v instanceof ObjectValue o)) {
      throw BuiltinException.error("decoded JSON type was not an Object");
    }
    return o;
  }

  /** Bytes as text; invalid UTF-8 becomes U+FFFD, as Go's JSON decoder treats it. */
  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
