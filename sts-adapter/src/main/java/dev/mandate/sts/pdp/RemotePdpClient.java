package dev.mandate.sts.pdp;

import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/**
 * Asks a Mandate decision service over HTTP: {@code POST <url>/v1/exchange/decisions} with the
 * input as JSON. Connection failures (nothing was sent, so nothing was decided) are retried a
 * bounded number of times with a short backoff; a timeout or a 5xx is not retried, because the
 * PDP may be overloaded. Either way the result is {@link PdpUnavailableException}, never a
 * mint. The response may be the decision itself with {@code decision_id} and
 * {@code policy_revision} beside it, or wrapped as {@code {"decision": {...}}}.
 */
public final class RemotePdpClient implements PdpClient {
  private static final int MAX_RESPONSE_CHARS = 1 << 20;

  private final URI endpoint;
  private final HttpClient http;
  private final Duration timeout;
  private final int retries;

  public RemotePdpClient(URI baseUrl, Duration timeout, int retries) {
    String base = baseUrl.toString().replaceAll("/+$", "");
    this.endpoint = URI.create(base + "/v1/exchange/decisions");
    this.timeout = timeout;
    this.retries = retries;
    this.http = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public PdpDecision decide(ObjectValue input) {
    HttpRequest req = HttpRequest.newBuilder(endpoint)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(input)))
        .build();
    HttpResponse<String> resp = send(req);
    if (resp.statusCode() >= 500) {
      throw new PdpUnavailableException("the PDP answered " + resp.statusCode(), null);
    }
    if (resp.statusCode() != 200) {
      throw new MalformedDecisionException("the PDP refused the input with status "
          + resp.statusCode());
    }
    if (resp.body().length() > MAX_RESPONSE_CHARS) {
      throw new MalformedDecisionException("the PDP's response is too large");
    }
    Value body;
    try {
      body = Json.parse(resp.body());
    } catch (RuntimeException e) {
      throw new MalformedDecisionException("the PDP's response is not JSON");
    }
    if (!(body instanceof ObjectValue o) || !(o.get("decision_id") instanceof StringValue id)) {
      throw new MalformedDecisionException("the PDP's response has no decision_id");
    }
    String revision = o.get("policy_revision") instanceof StringValue r ? r.value() : null;
    Value decision = o.get("decision") instanceof ObjectValue inner ? inner : o;
    return DecisionReader.read(decision, id.value(), revision);
  }

  private HttpResponse<String> send(HttpRequest req) {
    for (int attempt = 0; ; attempt++) {
      try {
        return http.send(req, HttpResponse.BodyHandlers.ofString());
      } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
        if (attempt >= retries) {
          throw new PdpUnavailableException("cannot connect to the PDP at " + endpoint, e);
        }
        sleep(50L << attempt);
      } catch (IOException e) {
        // Sent (or partly sent) and then failed or timed out: the PDP may have decided; do not
        // retry, do not mint.
        throw new PdpUnavailableException("the PDP did not answer: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PdpUnavailableException("interrupted while asking the PDP", e);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PdpUnavailableException("interrupted while retrying the PDP", e);
    }
  }

  /** Always: a decision is an HTTP round trip with a timeout and retries with backoff. */
  @Override
  public boolean blocks() {
    return true;
  }

  @Override
  public String describe() {
    return "remote PDP at " + endpoint;
  }

  @Override
  public void close() {
    http.close();
  }
}
