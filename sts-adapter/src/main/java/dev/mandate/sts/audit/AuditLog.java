package dev.mandate.sts.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One JSON line per token exchange, whatever its outcome: who asked (client), for whom
 * (subject, its issuer), through whom (actor chain), for what (audience, scopes granted), the
 * decision id and the outcome. Token strings are never written; an issued token is identified by
 * its {@code jti}.
 */
public final class AuditLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Consumer<String> sink;
  private final Clock clock;

  public AuditLog(Consumer<String> sink, Clock clock) {
    this.sink = sink;
    this.clock = clock;
  }

  /** What is known about one exchange; fields not reached yet are null. */
  public record Entry(String outcome, String error, List<String> reasons, String clientId,
      String subject, String subjectIssuer, List<String> actors, String audience,
      List<String> scopes, String decisionId, String jti, Long expiresIn, String sourceIp) {}

  public void record(Entry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("audit", "token_exchange");
    m.put("time", DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
    m.put("outcome", e.outcome());
    put(m, "error", e.error());
    if (e.reasons() != null && !e.reasons().isEmpty()) {
      m.put("reasons", e.reasons());
    }
    put(m, "client_id", e.clientId());
    put(m, "subject", e.subject());
    put(m, "subject_issuer", e.subjectIssuer());
    if (e.actors() != null && !e.actors().isEmpty()) {
      m.put("actors", e.actors());
    }
    put(m, "audience", e.audience());
    if (e.scopes() != null) {
      m.put("scopes_granted", e.scopes());
    }
    put(m, "decision_id", e.decisionId());
    put(m, "jti", e.jti());
    put(m, "expires_in", e.expiresIn());
    put(m, "source_ip", e.sourceIp());
    try {
      sink.accept(JSON.writeValueAsString(m));
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private static void put(Map<String, Object> m, String k, Object v) {
    if (v != null) {
      m.put(k, v);
    }
  }
}
