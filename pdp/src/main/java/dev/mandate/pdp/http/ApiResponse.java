package dev.mandate.pdp.http;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.JsonBytes;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A response computed off the event loop and written back on it.
 *
 * @param status the HTTP status
 * @param contentType the Content-Type header
 * @param body the body, encoded (UTF-8 for text); not modified after construction
 * @param headers extra headers
 */
public record ApiResponse(int status, String contentType, byte[] body,
    Map<String, String> headers) {
  static final String JSON = "application/json";

  public ApiResponse {
    headers = Map.copyOf(headers);
  }

  /** A text body, sent as UTF-8. */
  public ApiResponse(int status, String contentType, String body, Map<String, String> headers) {
    this(status, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  /** Compact JSON, encoded straight to bytes: the body of every decision. */
  public static ApiResponse json(int status, Value body) {
    return new ApiResponse(status, JSON, JsonBytes.encode(body), Map.of());
  }

  public static ApiResponse json(int status, Value body, boolean pretty) {
    return pretty ? new ApiResponse(status, JSON, PrettyJson.write(body), Map.of())
        : json(status, body);
  }

  /** OPA's error shape: {@code {"code": ..., "message": ...}}. */
  public static ApiResponse error(int status, String code, String message) {
    return json(status, errorBody(code, message, List.of()));
  }

  static ObjectValue errorBody(String code, String message, List<Value> errors) {
    ObjectValue.Builder b = ObjectValue.builder()
        .put("code", StringValue.of(code))
        .put("message", StringValue.of(message));
    if (!errors.isEmpty()) {
      b.put("errors", ArrayValue.of(errors));
    }
    return b.build();
  }

  public ApiResponse withHeader(String name, String value) {
    java.util.HashMap<String, String> h = new java.util.HashMap<>(headers);
    h.put(name, value);
    return new ApiResponse(status, contentType, body, h);
  }
}
