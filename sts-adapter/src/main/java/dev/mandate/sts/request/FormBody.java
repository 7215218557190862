package dev.mandate.sts.request;

import dev.mandate.sts.oauth.OAuthException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body, decoded (UTF-8, {@code +} as space) into
 * each parameter's values in order. Parameters sent without a value are dropped, as RFC 6749
 * §3.1 says they "MUST be treated as if they were omitted".
 */
public final class FormBody {
  private final Map<String, List<String>> params;

  private FormBody(Map<String, List<String>> params) {
    this.params = params;
  }

  public static FormBody parse(String body) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    int start = 0;
    while (start <= body.length()) {
      int end = body.indexOf('&', start);
      if (end < 0) {
        end = body.length();
      }
      if (end > start) {
        int eq = body.indexOf('=', start);
        if (eq < 0 || eq > end) {
          eq = end;
        }
        String name = decode(body, start, eq);
        String value = eq == end ? "" : decode(body, eq + 1, end);
        if (!value.isEmpty()) {
          params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
      }
      start = end + 1;
    }
    return new FormBody(params);
  }

  /**
   * {@code body[from, to)} form-decoded. Most parameters (tokens, most names) contain neither
   * {@code %} nor {@code +}, and are then copied once instead of run through the decoder.
   */
  private static String decode(String body, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = body.charAt(i);
      if (c == '%' || c == '+') {
        try {
          return URLDecoder.decode(body.substring(from, to), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw OAuthException.invalidRequest("the request body is not valid form encoding");
        }
      }
    }
    return body.substring(from, to);
  }

  /** Every value of a parameter that may repeat ({@code audience}, {@code resource}). */
  public List<String> all(String name) {
    return Collections.unmodifiableList(params.getOrDefault(name, List.of()));
  }

  /**
   * The value of a single-valued parameter, or null. Repeating it is an error (RFC 6749 §3.2:
   * "Request and response parameters MUST NOT be included more than once").
   */
  public String single(String name) {
    List<String> v = params.get(name);
    if (v == null) {
      return null;
    }
    if (v.size() > 1) {
      throw OAuthException.invalidRequest("parameter " + name + " is repeated");
    }
    return v.get(0);
  }

  public String required(String name) {
    String v = single(name);
    if (v == null) {
      throw OAuthException.invalidRequest("missing parameter " + name);
    }
    return v;
  }

  public boolean has(String name) {
    return params.containsKey(name);
  }
}
